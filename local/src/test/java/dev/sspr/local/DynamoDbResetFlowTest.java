package dev.sspr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.adapter.dynamodb.DynamoDbAuditLog;
import dev.sspr.core.AuditEvent;
import dev.sspr.core.ResetIds;
import dev.sspr.core.totp.Base32;
import dev.sspr.core.totp.TotpVerifier;
import dev.sspr.local.ApiClient.Reply;
import dev.sspr.testing.MotoServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Runs the local runner with {@code --dynamodb-endpoint} on a moto_server it starts, and completes
 * a reset over HTTP, so sessions, accounts and audit events go through the DynamoDB adapters.
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
        String resetId = api.post("v1/resets", "{}").text("resetId");
        String answer = api.get("dev/captcha/" + resetId).text("answer");
        Reply identified = api.post(step(resetId, "identify"),
                Map.of("username", DemoDirectory.FULL_USER, "captcha", answer));
        assertEquals(200, identified.status(), identified.toString());

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
