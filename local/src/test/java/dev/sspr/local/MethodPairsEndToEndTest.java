package dev.sspr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sspr.core.totp.Base32;
import dev.sspr.core.totp.TotpVerifier;
import dev.sspr.local.ApiClient.Reply;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Completes resets through the local runner, and so through the real state machine, with every
 * pair of methods that distinct authenticators allow, and checks that the other pairs are refused.
 */
class MethodPairsEndToEndTest {
    private static final String NEW_PASSWORD = "Correct-Horse-Battery-42!";
    private LocalRunner runner;
    private ApiClient api;

    @BeforeEach
    void startRunner() throws Exception {
        runner = LocalRunner.start(new LocalOptions(0, true, true, null));
        api = new ApiClient(runner.baseUri());
    }

    @AfterEach
    void stopRunner() {
        runner.close();
    }

    @ParameterizedTest
    @CsvSource({"sms, push", "sms, totp", "voice, push", "voice, totp",
        "push, sms", "push, voice", "totp, sms", "totp, voice"})
    void allowedPair_resetsThePassword(String first, String second) {
        String resetId = identify();

        Reply afterFirst = verify(resetId, first);
        assertEquals("VERIFY_2", afterFirst.text("stage"), afterFirst.toString());
        api.advanceClock(61);
        Reply afterSecond = verify(resetId, second);
        assertEquals("NEW_PASSWORD", afterSecond.text("stage"), afterSecond.toString());

        Reply done = api.post(step(resetId, "password"),
                Map.of("newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));
        assertEquals(200, done.status(), done.toString());
        assertEquals(200, api.post("v1/signin", Map.of("username", "cs0101", "password", NEW_PASSWORD)).status());
    }

    @ParameterizedTest
    @CsvSource({"sms, voice", "voice, sms", "push, totp", "totp, push", "sms, sms", "totp, totp"})
    void forbiddenPair_isRefusedAtTheSecondMethod(String first, String second) {
        String resetId = identify();
        verify(resetId, first);
        api.advanceClock(61);

        Map<String, Object> body = second.equals("sms") || second.equals("voice")
                ? Map.of("method", second, "phoneNumber", "2055550133")
                : Map.of("method", second);
        Reply challenge = api.post(step(resetId, "challenge"), body);
        Reply verify = api.post(step(resetId, "verify"), Map.of("method", second, "code", "123456"));

        assertEquals("method_not_allowed", challenge.text("error"));
        assertEquals("method_not_allowed", verify.text("error"));
    }

    private String identify() {
        String resetId = api.post("v1/resets", "{}").text("resetId");
        String answer = api.get("dev/captcha/" + resetId).text("answer");
        Reply identified = api.post(step(resetId, "identify"), Map.of("username", "cs0101", "captcha", answer));
        assertEquals(200, identified.status());
        return resetId;
    }

    private Reply verify(String resetId, String method) {
        switch (method) {
            case "sms":
            case "voice":
                Reply sent = api.post(step(resetId, "challenge"), Map.of("method", method, "phoneNumber", "2055550133"));
                assertEquals(202, sent.status(), sent.toString());
                return api.post(step(resetId, "verify"), Map.of("method", method, "code", latestCode()));
            case "totp":
                long totpStep = Instant.parse(api.get("dev/clock").text("now")).getEpochSecond() / 30;
                String code = TotpVerifier.codeAt(Base32.decode(DemoDirectory.FULL_USER_TOTP_SECRET), totpStep);
                return api.post(step(resetId, "verify"), Map.of("method", "totp", "code", code));
            default:
                return approvePush(resetId);
        }
    }

    private Reply approvePush(String resetId) {
        Reply sent = api.post(step(resetId, "challenge"), Map.of("method", "push"));
        assertEquals(202, sent.status(), sent.toString());
        String number = sent.text("numberToMatch");
        assertEquals("pending", api.post(step(resetId, "verify"), Map.of("method", "push")).text("status"));

        String path = "/v1/devices/" + DemoDevice.DEVICE_ID + "/challenges";
        long now = Instant.parse(api.get("dev/clock").text("now")).getEpochSecond();
        Reply pending = api.signed("GET", path, "", runner.demoDevice().privateKey(), now);
        assertEquals(200, pending.status(), pending.toString());
        JsonNode challenges = pending.body().path("challenges");
        assertEquals(1, challenges.size());
        String challengeId = challenges.get(0).path("challengeId").asText();
        String body = "{\"decision\":\"approve\",\"number\":\"" + number + "\"}";
        Reply approved = api.signed("POST", path + "/" + challengeId, body, runner.demoDevice().privateKey(), now);
        assertEquals(200, approved.status(), approved.toString());
        assertTrue(approved.toString().contains("approved"));

        return api.post(step(resetId, "verify"), Map.of("method", "push"));
    }

    private String latestCode() {
        JsonNode outbox = api.get("dev/outbox").body();
        String text = outbox.get(outbox.size() - 1).path("text").asText();
        String digits = text.replaceAll("\\D", "");
        return digits.substring(0, 6);
    }

    private static String step(String resetId, String step) {
        return "v1/resets/" + resetId + "/" + step;
    }
}
