package dev.sspr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sspr.adapter.aws.AwsCoreFactory;
import dev.sspr.adapter.dynamodb.DynamoDbUserDirectory;
import dev.sspr.adapter.dynamodb.TableDefinitions;
import dev.sspr.adapter.kms.KmsPasswordMac;
import dev.sspr.core.ResetCore;
import dev.sspr.core.password.PasswordHasher;
import dev.sspr.core.password.PasswordHistory;
import dev.sspr.core.totp.Base32;
import dev.sspr.core.totp.TotpVerifier;
import dev.sspr.testing.MotoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * Builds the core exactly as the Lambda functions do, from environment variables, on moto_server
 * (DynamoDB, KMS and SNS), and completes a reset through the real state machine definition.
 * This is the wiring template.yaml deploys, short of AWS itself.
 */
class AwsCoreResetTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String NEW_PASSWORD = "Correct-Horse-Battery-42!";

    @Test
    void lambdaWiring_completesAResetOnMoto() throws Exception {
        Map<String, String> environment = environment();
        DynamoDbClient dynamoDb = MOTO.dynamoDbClient();
        TableDefinitions.fromClasspath().ensureTables(dynamoDb, Map.of(
                "SessionsTable", "sessions", "UsersTable", "users", "AuditTable", "audit",
                "LimitsTable", "limits", "PushChallengesTable", "push", "DevicesTable", "devices"));
        KmsPasswordMac historyMac = new KmsPasswordMac(kms(), environment.get("PASSWORD_HISTORY_KEY_ID"));
        DynamoDbUserDirectory users = new DynamoDbUserDirectory(dynamoDb, "users",
                AwsCoreFactory.totpSecretSeal(kms(), environment.get("DIGEST_KEY_ID")));
        DemoDirectory.accounts(new PasswordHasher(12), new PasswordHistory(historyMac), Clock.systemUTC())
                .forEach(users::put);

        RecordingCaptchaProvider[] captchas = new RecordingCaptchaProvider[1];
        ResetCore core = AwsCoreFactory.build(environment, MotoServer.dummyCredentials(), provider -> {
            captchas[0] = new RecordingCaptchaProvider(provider);
            return captchas[0];
        });
        StateMachineGateway gateway = new StateMachineGateway(core);

        StateMachineGateway.Response started = gateway.execute("start", null, null, "127.0.0.1", "junit");
        assertEquals(201, started.status(), started.body().toString());
        String resetId = started.body().path("resetId").asText();
        String answer = captchas[0].answer(resetId).orElseThrow().reveal();
        StateMachineGateway.Response identified = call(gateway, "identify", resetId,
                Map.of("username", "cs0101@example.gov", "captcha", answer));
        assertEquals("VERIFY_1", identified.body().path("stage").asText(), identified.body().toString());

        StateMachineGateway.Response sent = call(gateway, "challenge", resetId,
                Map.of("method", "sms", "phoneNumber", "(205) 555-0133"));
        assertEquals(202, sent.status(), sent.body().toString());
        String code = latestSmsCode(MOTO.endpoint());
        assertTrue(code != null, "moto recorded no SMS with a code");
        assertEquals("VERIFY_2", call(gateway, "verify", resetId, Map.of("method", "sms", "code", code))
                .body().path("stage").asText());
        assertEquals("NEW_PASSWORD", call(gateway, "verify", resetId, Map.of("method", "totp", "code", totp()))
                .body().path("stage").asText());

        StateMachineGateway.Response done = call(gateway, "password", resetId,
                Map.of("newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));
        assertEquals(200, done.status(), done.body().toString());
        assertEquals(200, call(gateway, "signin", null, Map.of("username", "cs0101", "password", NEW_PASSWORD))
                .status());
        assertEquals(401, call(gateway, "signin", null,
                Map.of("username", "cs0101", "password", DemoDirectory.INITIAL_PASSWORD)).status());
        assertEquals(403, call(gateway, "password", resetId,
                Map.of("newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD)).status(),
                "the finished reset cannot be replayed");
    }

    private static StateMachineGateway.Response call(StateMachineGateway gateway, String action, String resetId,
            Map<String, Object> body) {
        return gateway.execute(action, resetId, MAPPER.valueToTree(body), "127.0.0.1", "junit");
    }

    private static Map<String, String> environment() {
        KmsClient kms = kms();
        String historyKey = hmacKey(kms);
        String digestKey = hmacKey(kms);
        Map<String, String> environment = new HashMap<>();
        environment.put("AWS_REGION", MotoServer.REGION.id());
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", MOTO.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_KMS", MOTO.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_SNS", MOTO.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2", MOTO.endpoint().toString());
        environment.put("SMS_PROVIDER", "sns");
        environment.put("EMAIL_DOMAIN", "example.gov");
        environment.put("ORGANISATION_NAME", "Example Agency");
        environment.put("SESSIONS_TABLE", "sessions");
        environment.put("USERS_TABLE", "users");
        environment.put("AUDIT_TABLE", "audit");
        environment.put("LIMITS_TABLE", "limits");
        environment.put("PUSH_CHALLENGES_TABLE", "push");
        environment.put("DEVICES_TABLE", "devices");
        environment.put("PASSWORD_HISTORY_KEY_ID", historyKey);
        environment.put("DIGEST_KEY_ID", digestKey);
        return environment;
    }

    private static KmsClient kms() {
        return KmsClient.builder()
                .endpointOverride(MOTO.endpoint())
                .region(MotoServer.REGION)
                .credentialsProvider(MotoServer.dummyCredentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private static String hmacKey(KmsClient kms) {
        return kms.createKey(request -> request.keySpec(KeySpec.HMAC_256)
                .keyUsage(KeyUsageType.GENERATE_VERIFY_MAC)).keyMetadata().arn();
    }

    static String latestSmsCode(URI moto) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(moto.resolve("/moto-api/data.json")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode sms = MAPPER.readTree(response.body()).path("sns").path("SMS");
        String latest = null;
        for (JsonNode message : (Iterable<JsonNode>) sms::elements) {
            latest = message.toString();
        }
        Matcher code = Pattern.compile("(\\d{6}) is your password reset code").matcher(String.valueOf(latest));
        return code.find() ? code.group(1) : null;
    }

    static String totp() {
        return TotpVerifier.codeAt(Base32.decode(DemoDirectory.FULL_USER_TOTP_SECRET),
                System.currentTimeMillis() / 30_000);
    }
}
