package dev.sspr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sspr.core.totp.Base32;
import dev.sspr.core.totp.TotpVerifier;
import dev.sspr.local.ApiClient.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the password rules through the local runner over HTTP: minimum age, history, common and
 * context words, the 72-byte bcrypt limit and the cancelling of other resets. Each test starts its
 * own runner, because a password change and the moved clock would leak into other tests.
 */
class PasswordRulesEndToEndTest {
    private static final String NEW_PASSWORD = "Quiet-Harbour-Lamp-4821!";
    private static final long DAY_SECONDS = 24 * 3600;

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

    @Test
    void minAge_isShownAfterVerificationAndKept() {
        Reply firstVerified = verifyBoth(startAndIdentify());
        assertFalse(firstVerified.body().has("passwordChangeAllowedAt"), firstVerified.toString());
        assertEquals(200, setPassword(firstVerified, NEW_PASSWORD).status());

        Reply secondVerified = verifyBoth(startAndIdentify());
        String allowedAt = secondVerified.text("passwordChangeAllowedAt");
        assertFalse(allowedAt.isEmpty(), secondVerified.toString());
        Reply early = setPassword(secondVerified, NEW_PASSWORD + "x");
        assertEquals(409, early.status());
        assertEquals("password_min_age", early.text("error"));
        assertEquals(allowedAt, early.text("retryAfter"));

        api.advanceClock(DAY_SECONDS - 3600);
        Reply lateVerified = verifyBoth(startAndIdentify());
        assertEquals(allowedAt, lateVerified.text("passwordChangeAllowedAt"), "a rejection must not restart the 24 hours");
        Reply late = setPassword(lateVerified, NEW_PASSWORD + "x");
        assertEquals(409, late.status());
        assertEquals(allowedAt, late.text("retryAfter"));

        api.advanceClock(3600);
        assertTrue(Instant.parse(now()).isAfter(Instant.parse(allowedAt)));
        Reply onTimeVerified = verifyBoth(startAndIdentify());
        assertFalse(onTimeVerified.body().has("passwordChangeAllowedAt"), onTimeVerified.toString());
        assertEquals(200, setPassword(onTimeVerified, NEW_PASSWORD + "x").status());
    }

    @Test
    void history_rejectsInitialAndCurrentPasswords() {
        Reply verified = verifyBoth(startAndIdentify());
        Reply initial = setPassword(verified, DemoDirectory.INITIAL_PASSWORD);
        assertEquals(422, initial.status(), initial.toString());
        assertEquals(List.of("history"), rules(initial));
        assertEquals(200, setPassword(verified, NEW_PASSWORD).status());

        api.advanceClock(DAY_SECONDS + 60);
        Reply current = setPassword(verifyBoth(startAndIdentify()), NEW_PASSWORD);
        assertEquals(422, current.status(), current.toString());
        assertEquals(List.of("history"), rules(current));
    }

    @Test
    void signIn_tellsPasswordsSharing72BytesApart() {
        String shared = "Quiet-Harbour-4821-" + "x".repeat(53);
        assertEquals(72, shared.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(200, setPassword(verifyBoth(startAndIdentify()), shared + "a").status());

        Reply sameStart = signIn(shared + "b");
        assertEquals(401, sameStart.status());
        assertEquals("invalid_credentials", sameStart.text("error"));
        assertEquals(401, signIn(shared).status());
        assertEquals(200, signIn(shared + "a").status());
    }

    @Test
    void commonAndContextWords_areRejectedWithReasons() {
        Reply verified = verifyBoth(startAndIdentify());

        Reply username = setPassword(verified, "Quiet-CS0101-Lamp-4821!");
        assertEquals(422, username.status());
        assertEquals(List.of("context_word"), rules(username));
        Reply organisation = setPassword(verified, "Quiet-ExampleAgency-4821!");
        assertEquals(List.of("context_word"), rules(organisation));
        Reply common = setPassword(verified, "1qaz2wsx3edc4rfv");
        assertTrue(rules(common).contains("common_password"), rules(common).toString());
        assertEquals(200, setPassword(verified, NEW_PASSWORD).status());
    }

    @Test
    void passwordPolicy_listsTheServerOnlyRules() {
        JsonNode rules = api.get("v1/password-policy").body().path("rules");
        List<String> ids = new ArrayList<>();
        rules.forEach(rule -> ids.add(rule.path("rule").asText()));

        assertEquals(List.of("common_password", "context_word", "history"), ids.subList(ids.size() - 3, ids.size()));
        assertEquals(24, rules.get(ids.indexOf("history")).path("value").asInt());
        assertEquals("Not one of your last 24 passwords", rules.get(ids.indexOf("history")).path("text").asText());
    }

    @Test
    void success_cancelsOtherResetsAndSendsNotice() {
        String other = startAndIdentify();
        Reply verified = verifyBoth(startAndIdentify());

        assertEquals(200, setPassword(verified, NEW_PASSWORD).status());

        Reply challenge = api.post(step(other, "challenge"), Map.of("method", "sms", "phoneNumber", "2055550133"));
        assertEquals(404, challenge.status());
        assertEquals("reset_not_found", challenge.text("error"));
        JsonNode outbox = api.get("dev/outbox").body();
        String notice = outbox.get(outbox.size() - 1).path("text").asText();
        assertTrue(notice.startsWith("Your Example Agency password was changed at "), notice);
        Reply replay = setPassword(verified, NEW_PASSWORD + "x");
        assertEquals(403, replay.status());
        assertEquals("step_not_allowed", replay.text("error"));
    }

    /** Starts a reset and identifies cs0101 with the CAPTCHA answer the runner exposes. */
    private String startAndIdentify() {
        String resetId = api.post("v1/resets", "{}").text("resetId");
        String answer = api.get("dev/captcha/" + resetId).text("answer");
        Reply reply = api.post(step(resetId, "identify"), Map.of("username", DemoDirectory.FULL_USER, "captcha", answer));
        assertEquals(200, reply.status(), reply.toString());
        return resetId;
    }

    /**
     * Verifies by SMS and TOTP, moving the clock 31 seconds before the TOTP code so that each reset uses a new
     * TOTP step. Returns the second verification's reply, with the reset id added as a field.
     */
    private Reply verifyBoth(String resetId) {
        Reply challenge = api.post(step(resetId, "challenge"), Map.of("method", "sms", "phoneNumber", "2055550133"));
        assertEquals(202, challenge.status(), challenge.toString());
        String code = api.latestSmsCode(DemoDirectory.FULL_USER_PHONE);
        assertEquals(200, api.post(step(resetId, "verify"), Map.of("method", "sms", "code", code)).status());

        api.advanceClock(31);
        long totpStep = Instant.parse(now()).getEpochSecond() / 30;
        String totp = TotpVerifier.codeAt(Base32.decode(DemoDirectory.FULL_USER_TOTP_SECRET), totpStep);
        Reply second = api.post(step(resetId, "verify"), Map.of("method", "totp", "code", totp));
        assertEquals("NEW_PASSWORD", second.text("stage"), second.toString());
        ((ObjectNode) second.body()).put("resetId", resetId);
        return second;
    }

    private Reply setPassword(Reply verified, String password) {
        return api.post(step(verified.text("resetId"), "password"),
                Map.of("newPassword", password, "confirmPassword", password));
    }

    private Reply signIn(String password) {
        return api.post("v1/signin", Map.of("username", DemoDirectory.FULL_USER, "password", password));
    }

    private String now() {
        return api.get("dev/clock").text("now");
    }

    private static String step(String resetId, String step) {
        return "v1/resets/" + resetId + "/" + step;
    }

    private static List<String> rules(Reply reply) {
        List<String> rules = new ArrayList<>();
        reply.body().path("violations").forEach(violation -> rules.add(violation.path("rule").asText()));
        return rules;
    }
}
