package dev.sspr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sspr.adapter.dynamodb.DynamoDbAuditLog;
import dev.sspr.core.AuditEvent;
import dev.sspr.core.ResetIds;
import dev.sspr.core.totp.Base32;
import dev.sspr.core.totp.TotpVerifier;
import dev.sspr.local.ApiClient.Reply;
import dev.sspr.testing.MotoServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Runs the local runner with {@code --dynamodb-endpoint} on a moto_server it starts, and drives
 * resets over HTTP, so sessions, accounts, audit events, rate limits, push challenges and devices
 * go through the DynamoDB adapters. The tests share the server, so each one counts sends and
 * resets against limits that the others leave room for.
 */
class DynamoDbResetFlowTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String NEW_PASSWORD = "Correct-Horse-Battery-42!";

    @Test
    void reset_keepsDataAcrossRestarts() {
        String resetId;
        try (LocalRunner runner = startRunner()) {
            ApiClient api = new ApiClient(runner.baseUri());
            resetId = completeReset(api);

            assertEquals(200, signIn(api, NEW_PASSWORD).status());
            assertEquals(401, signIn(api, DemoDirectory.INITIAL_PASSWORD).status());
        }

        try (DynamoDbClient client = MOTO.dynamoDbClient()) {
            Map<String, AttributeValue> session = client.getItem(request -> request
                    .tableName("sspr-local-sessions")
                    .key(Map.of("resetId", AttributeValue.fromS(resetId)))
                    .consistentRead(true)).item();
            assertEquals("DONE", session.get("stage").s());
            assertEquals(DemoDirectory.FULL_USER, session.get("username").s());

            Map<String, AttributeValue> user = client.getItem(request -> request
                    .tableName("sspr-local-users")
                    .key(Map.of("username", AttributeValue.fromS(DemoDirectory.FULL_USER)))
                    .consistentRead(true)).item();
            assertTrue(user.get("passwordHash").s().startsWith("$2"), "a bcrypt hash is stored");
            assertTrue(Long.parseLong(user.get("lastTotpStep").n()) > 0, "the accepted TOTP step is stored");

            List<AuditEvent> events = new DynamoDbAuditLog(client, "sspr-local-audit", 1)
                    .recent(DemoDirectory.FULL_USER, 20);
            AuditEvent password = events.stream()
                    .filter(event -> "password".equals(event.step()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no password event in " + events));
            assertEquals("success", password.outcome());
            assertEquals(ResetIds.reference(resetId), password.resetId(), "audit events carry the reset reference");
        }

        try (LocalRunner restarted = startRunner()) {
            ApiClient api = new ApiClient(restarted.baseUri());

            assertEquals(200, signIn(api, NEW_PASSWORD).status(), "a restart must not seed the demo account again");
        }
    }

    @Test
    void pushApproval_usesNewestDeviceKey() {
        String firstKey;
        try (LocalRunner first = startRunner()) {
            firstKey = storedDeviceKey();
            assertEquals(first.demoDevice().enrolment().publicKeyBase64(), firstKey);
        }

        try (LocalRunner restarted = startRunner()) {
            String secondKey = storedDeviceKey();
            assertEquals(restarted.demoDevice().enrolment().publicKeyBase64(), secondKey,
                    "each start must write the new demo device key");
            assertNotEquals(firstKey, secondKey);

            ApiClient api = new ApiClient(restarted.baseUri());
            String resetId = identify(api, DemoDirectory.FULL_USER);
            String challengeId = approvePush(api, restarted, resetId);
            Reply verified = api.post(step(resetId, "verify"), Map.of("method", "push"));

            assertEquals("VERIFY_2", verified.text("stage"), verified.toString());
            try (DynamoDbClient client = MOTO.dynamoDbClient()) {
                Map<String, AttributeValue> challenge = client.getItem(request -> request
                        .tableName("sspr-local-push-challenges")
                        .key(Map.of("challengeId", AttributeValue.fromS(challengeId)))
                        .consistentRead(true)).item();
                assertEquals("APPROVED", challenge.get("status").s());
                assertEquals(DemoDirectory.FULL_USER, challenge.get("username").s());
            }
        }
    }

    /**
     * Sends the five SMS codes an hour allows, then a sixth, which is rejected until the first
     * leaves the window. The count is in DynamoDB, so a restarted runner rejects the next send too.
     */
    @Test
    void sixthSend_isRejectedAcrossRestarts() {
        try (LocalRunner runner = startRunner()) {
            ApiClient api = new ApiClient(runner.baseUri());
            String resetId = identify(api, DemoDirectory.PHONE_ONLY_USER);
            for (int send = 1; send <= 5; send++) {
                Reply sent = sendPhoneOnlySms(api, resetId);
                assertEquals(202, sent.status(), "send " + send + ": " + sent);
                api.advanceClock(61);
            }

            Reply sixth = sendPhoneOnlySms(api, resetId);

            assertEquals(429, sixth.status(), sixth.toString());
            assertEquals("rate_limited", sixth.text("error"));
            List<Instant> sends = storedSendTimes(DemoDirectory.PHONE_ONLY_USER);
            assertEquals(5, sends.size(), sends.toString());
            assertEquals(roundUpToSecond(sends.get(0).plus(Duration.ofHours(1))), sixth.text("retryAfter"),
                    "the next slot opens when the oldest send leaves the window");
        }

        try (LocalRunner restarted = startRunner()) {
            ApiClient api = new ApiClient(restarted.baseUri());
            String resetId = identify(api, DemoDirectory.PHONE_ONLY_USER);

            Reply afterRestart = sendPhoneOnlySms(api, resetId);

            assertEquals(429, afterRestart.status(), afterRestart.toString());
            assertEquals("rate_limited", afterRestart.text("error"));
        }
    }

    @Test
    void invalidEndpoint_isRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LocalRunner.start(new LocalOptions(0, false, false, "127.0.0.1:8000")));

        assertEquals("Invalid --dynamodb-endpoint 127.0.0.1:8000: use an http or https URL such as"
                + " http://127.0.0.1:8000", error.getMessage());
    }

    private static LocalRunner startRunner() {
        try {
            return LocalRunner.start(new LocalOptions(0, true, true, MOTO.endpoint().toString()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The local runner failed to start", e);
        }
    }

    /**
     * Resets the full demo user's password by SMS and TOTP and returns the reset id. It works once
     * per moto_server, because a password cannot change again within 24 hours.
     */
    private static String completeReset(ApiClient api) {
        String resetId = identify(api, DemoDirectory.FULL_USER);

        Reply sent = api.post(step(resetId, "challenge"), Map.of("method", "sms", "phoneNumber", "(205) 555-0133"));
        assertEquals(202, sent.status(), sent.toString());
        Reply first = api.post(step(resetId, "verify"),
                Map.of("method", "sms", "code", api.latestSmsCode(DemoDirectory.FULL_USER_PHONE)));
        assertEquals("VERIFY_2", first.text("stage"), first.toString());
        Reply second = api.post(step(resetId, "verify"), Map.of("method", "totp", "code", currentTotp(api)));
        assertEquals("NEW_PASSWORD", second.text("stage"), second.toString());

        Reply done = api.post(step(resetId, "password"),
                Map.of("newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));
        assertEquals(200, done.status(), done.toString());
        return resetId;
    }

    private static String identify(ApiClient api, String username) {
        String resetId = api.post("v1/resets", "{}").text("resetId");
        String answer = api.get("dev/captcha/" + resetId).text("answer");
        Reply identified = api.post(step(resetId, "identify"), Map.of("username", username, "captcha", answer));
        assertEquals(200, identified.status(), identified.toString());
        return resetId;
    }

    /** Sends a push, approves it as the demo device with the number shown, and returns the challenge id. */
    private static String approvePush(ApiClient api, LocalRunner runner, String resetId) {
        Reply sent = api.post(step(resetId, "challenge"), Map.of("method", "push"));
        assertEquals(202, sent.status(), sent.toString());
        String path = "/v1/devices/" + DemoDevice.DEVICE_ID + "/challenges";
        long now = Instant.parse(api.get("dev/clock").text("now")).getEpochSecond();

        Reply pending = api.signed("GET", path, "", runner.demoDevice().privateKey(), now);
        assertEquals(200, pending.status(), pending.toString());
        JsonNode challenges = pending.body().path("challenges");
        assertEquals(1, challenges.size(), challenges.toString());
        String challengeId = challenges.get(0).path("challengeId").asText();

        String body = "{\"decision\":\"approve\",\"number\":\"" + sent.text("numberToMatch") + "\"}";
        Reply approved = api.signed("POST", path + "/" + challengeId, body, runner.demoDevice().privateKey(), now);
        assertEquals(200, approved.status(), approved.toString());
        assertEquals("approved", approved.text("status"));
        return challengeId;
    }

    private static Reply sendPhoneOnlySms(ApiClient api, String resetId) {
        return api.post(step(resetId, "challenge"), Map.of("method", "sms", "phoneNumber", "205-555-0142"));
    }

    private static String storedDeviceKey() {
        try (DynamoDbClient client = MOTO.dynamoDbClient()) {
            return client.getItem(request -> request
                    .tableName("sspr-local-devices")
                    .key(Map.of("deviceId", AttributeValue.fromS(DemoDevice.DEVICE_ID)))
                    .consistentRead(true)).item().get("publicKeyBase64").s();
        }
    }

    /** Reads the times of the counted sends of {@code username} from the limits table, oldest first. */
    private static List<Instant> storedSendTimes(String username) {
        try (DynamoDbClient client = MOTO.dynamoDbClient()) {
            Map<String, AttributeValue> item = client.getItem(request -> request
                    .tableName("sspr-local-limits")
                    .key(Map.of("limitKey", AttributeValue.fromS("sends#" + username),
                            "kind", AttributeValue.fromS("events")))
                    .consistentRead(true)).item();
            return item.get("eventTimes").l().stream()
                    .map(nanos -> Instant.ofEpochSecond(0, Long.parseLong(nanos.n())))
                    .toList();
        }
    }

    private static String roundUpToSecond(Instant time) {
        Instant whole = time.truncatedTo(ChronoUnit.SECONDS);
        return (whole.equals(time) ? whole : whole.plusSeconds(1)).toString();
    }

    private static Reply signIn(ApiClient api, String password) {
        return api.post("v1/signin", Map.of("username", DemoDirectory.FULL_USER, "password", password));
    }

    private static String currentTotp(ApiClient api) {
        long step = Instant.parse(api.get("dev/clock").text("now")).getEpochSecond() / 30;
        return TotpVerifier.codeAt(Base32.decode(DemoDirectory.FULL_USER_TOTP_SECRET), step);
    }

    private static String step(String resetId, String step) {
        return "v1/resets/" + resetId + "/" + step;
    }
}
