package dev.sspr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sspr.core.totp.Base32;
import dev.sspr.core.totp.TotpVerifier;
import dev.sspr.local.ApiClient.Reply;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the local runner over HTTP, so every request runs through the real state machine
 * definition, the in-process interpreter and the same handler classes that Lambda runs. Each
 * test gets a fresh runner, so counters, locks and the clock start clean.
 */
class ResetFlowEndToEndTest {
    private static final String NEW_PASSWORD = "Correct-Horse-Battery-42!";
    private static LocalRunner runner;
    private static ApiClient api;

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
    void reset_smsThenTotpSetsNewPassword() {
        String resetId = startAndIdentify(" CS0101@Example.GOV\t");

        Reply challenge = api.post(step(resetId, "challenge"), Map.of("method", "sms", "phoneNumber", "(205) 555-0133"));
        assertEquals(202, challenge.status(), challenge.toString());
        assertEquals("sms", challenge.text("method"));
        assertTrue(challenge.body().has("expiresAt"));
        assertTrue(challenge.body().has("resendAfter"));

        Reply first = api.post(step(resetId, "verify"),
                Map.of("method", "sms", "code", api.latestSmsCode(DemoDirectory.FULL_USER_PHONE)));
        assertEquals(200, first.status(), first.toString());
        assertEquals("VERIFY_2", first.text("stage"));
        assertEquals(List.of("push", "totp"), types(first.body().path("methods")));

        Reply second = api.post(step(resetId, "verify"), Map.of("method", "totp", "code", currentTotp()));
        assertEquals(200, second.status(), second.toString());
        assertEquals("NEW_PASSWORD", second.text("stage"));
        assertFalse(second.body().has("passwordChangeAllowedAt"));

        Reply done = api.post(step(resetId, "password"),
                Map.of("newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));
        assertEquals(200, done.status(), done.toString());
        assertEquals("DONE", done.text("stage"));

        assertEquals(200, signIn(DemoDirectory.FULL_USER, NEW_PASSWORD).status());
        assertEquals(401, signIn(DemoDirectory.FULL_USER, DemoDirectory.INITIAL_PASSWORD).status());
        JsonNode outbox = api.get("dev/outbox").body();
        String notice = outbox.get(outbox.size() - 1).path("text").asText();
        assertTrue(notice.startsWith("Your Example Agency password was changed at "), notice);

        Reply replay = api.post(step(resetId, "password"),
                Map.of("newPassword", NEW_PASSWORD + "x", "confirmPassword", NEW_PASSWORD + "x"));
        assertEquals(403, replay.status());
        assertEquals("step_not_allowed", replay.text("error"));

        Reply cancelDone = api.post(step(resetId, "cancel"), "{}");
        assertEquals(403, cancelDone.status());
        assertEquals("DONE", cancelDone.text("stage"));
    }

    @Test
    void cancel_afterVerification_endsReset() {
        String resetId = startAndIdentify("cs0101");
        api.post(step(resetId, "challenge"), Map.of("method", "sms", "phoneNumber", "2055550133"));
        api.post(step(resetId, "verify"), Map.of("method", "sms", "code", api.latestSmsCode(DemoDirectory.FULL_USER_PHONE)));
        Reply second = api.post(step(resetId, "verify"), Map.of("method", "totp", "code", currentTotp()));
        assertEquals("NEW_PASSWORD", second.text("stage"), second.toString());

        Reply cancelled = api.post(step(resetId, "cancel"), "");
        Reply password = api.post(step(resetId, "password"),
                Map.of("newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));

        assertEquals(200, cancelled.status(), cancelled.toString());
        assertEquals("CANCELLED", cancelled.text("stage"));
        assertEquals(404, password.status());
        assertEquals("reset_not_found", password.text("error"));
    }

    @Test
    void outOfOrderSteps_areRejectedWithStepNotAllowed() {
        Reply started = api.post("v1/resets", "{}");
        String resetId = started.text("resetId");

        for (String step : List.of("challenge", "verify", "password")) {
            Reply reply = api.post(step(resetId, step), Map.of("method", "sms", "code", "123456",
                    "phoneNumber", "2055550133", "newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));
            assertEquals(403, reply.status(), step + ": " + reply);
            assertEquals("step_not_allowed", reply.text("error"), step);
            assertEquals("CAPTCHA", reply.text("stage"), step);
        }

        String identified = startAndIdentify("cs0102");
        Reply again = api.post(step(identified, "identify"), Map.of("username", "cs0102", "captcha", "AAAAAA"));
        assertEquals(403, again.status());
        Reply password = api.post(step(identified, "password"),
                Map.of("newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));
        assertEquals(403, password.status());
        assertEquals("VERIFY_1", password.text("stage"));
    }

    @Test
    void unknownReset_isNotFound() {
        Reply reply = api.post(step("AAAAAAAAAAAAAAAAAAAAAAAA", "identify"), Map.of("username", "x", "captcha", "y"));
        assertEquals(404, reply.status());
        assertEquals("reset_not_found", reply.text("error"));
        assertEquals("This password reset was not found or has expired. Start again.", reply.text("message"));
    }

    @Test
    void wrongCaptcha_replacesThePicture() {
        Reply started = api.post("v1/resets", "{}");
        String resetId = started.text("resetId");
        String answer = captchaAnswer(resetId);

        Reply wrong = api.post(step(resetId, "identify"), Map.of("username", "cs0101", "captcha", "WRONG1"));
        assertEquals(400, wrong.status());
        assertEquals("captcha_invalid", wrong.text("error"));
        String newImage = wrong.body().path("captcha").path("image").asText();
        assertTrue(newImage.startsWith("data:image/png;base64,"));
        assertNotEquals(started.body().path("captcha").path("image").asText(), newImage);

        Reply oldAnswer = api.post(step(resetId, "identify"), Map.of("username", "cs0101", "captcha", answer));
        assertEquals(400, oldAnswer.status(), "the replaced answer must no longer work");

        Reply lowerCase = api.post(step(resetId, "identify"),
                Map.of("username", "cs0101", "captcha", captchaAnswer(resetId).toLowerCase()));
        assertEquals(200, lowerCase.status());
    }

    @Test
    void captchaAnswers_areRefusedWhenReplayedExpiredForeignOrMissing() {
        String first = startReset();
        String answer = captchaAnswer(first);
        assertEquals(200, identify(first, "cs0101").status());
        Reply replayed = api.post(step(first, "identify"), Map.of("username", "cs0101", "captcha", answer));
        assertEquals(403, replayed.status(), "a used answer cannot identify again");

        String second = startReset();
        String third = startReset();
        Reply foreign = api.post(step(second, "identify"),
                Map.of("username", "cs0101", "captcha", captchaAnswer(third)));
        assertEquals("captcha_invalid", foreign.text("error"), "another reset's answer");

        Reply missing = api.post(step(third, "identify"), Map.of("username", "cs0101"));
        assertEquals("captcha_invalid", missing.text("error"), "no answer at all");

        String fourth = startReset();
        String expiring = captchaAnswer(fourth);
        api.advanceClock(5 * 60);
        Reply expired = api.post(step(fourth, "identify"), Map.of("username", "cs0101", "captcha", expiring));
        assertEquals("captcha_invalid", expired.text("error"), "an answer older than 5 minutes");
    }

    @Test
    void unknownUser_getsTheSameShapeAndStableDecoy() {
        Reply first = identify(startReset(), "nobody42");
        Reply second = identify(startReset(), "  NOBODY42@example.gov ");
        Reply real = identify(startReset(), "cs0101");

        assertEquals(200, first.status());
        assertEquals(first.body().path("methods"), second.body().path("methods"));
        assertEquals(fieldNames(real.body()), fieldNames(first.body()));
        assertEquals(fieldNames(real.body().path("methods").get(0)), fieldNames(first.body().path("methods").get(0)));
        assertEquals(List.of("sms", "voice"), types(first.body().path("methods")).subList(0, 2));
    }

    @Test
    void captchaAudio_speaksTheCurrentChallenge() throws Exception {
        String resetId = startReset();
        HttpResponse<byte[]> audio = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                api.resolve("v1/resets/" + resetId + "/captcha/audio")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, audio.statusCode());
        assertEquals("audio/wav", audio.headers().firstValue("Content-Type").orElse(""));
        AudioInputStream stream = AudioSystem.getAudioInputStream(new ByteArrayInputStream(audio.body()));
        assertTrue(stream.getFrameLength() / stream.getFormat().getFrameRate() > 3, "six spoken characters");

        for (int play = 2; play <= 5; play++) {
            assertEquals(200, api.raw(HttpRequest.newBuilder(api.resolve("v1/resets/" + resetId + "/captcha/audio")))
                    .statusCode(), "play " + play);
        }
        Reply sixth = api.get("v1/resets/" + resetId + "/captcha/audio");
        assertEquals(429, sixth.status(), "a sixth play of one picture");
        assertEquals("captcha_audio_plays", sixth.text("reason"));
        api.post("v1/resets/" + resetId + "/captcha", "{}");
        assertEquals(200, api.raw(HttpRequest.newBuilder(api.resolve("v1/resets/" + resetId + "/captcha/audio")))
                .statusCode(), "a new picture starts a new count");

        identify(resetId, "cs0101");
        assertEquals(403, api.get("v1/resets/" + resetId + "/captcha/audio").status(), "no audio after identify");
        assertEquals(404, api.get("v1/resets/AAAAAAAAAAAAAAAAAAAAAAAA/captcha/audio").status());
    }

    @Test
    void unknownUser_phoneNeverMatches() {
        String resetId = startAndIdentify("nobody42");
        Reply reply = api.post(step(resetId, "challenge"), Map.of("method", "sms", "phoneNumber", "+12055550133"));
        assertEquals(400, reply.status());
        assertEquals("phone_mismatch", reply.text("error"));
    }

    @Test
    void wrongCodes_countDownAndUseUpTheMethod() {
        String resetId = startAndIdentify("cs0102");
        sendSms(resetId, "205.555.0142", 202);
        String code = api.latestSmsCode(DemoDirectory.PHONE_ONLY_USER_PHONE);
        String wrong = code.equals("000000") ? "111111" : "000000";

        for (int remaining = 2; remaining >= 0; remaining--) {
            Reply reply = api.post(step(resetId, "verify"), Map.of("method", "sms", "code", wrong));
            assertEquals(400, reply.status());
            assertEquals("code_invalid", reply.text("error"));
            assertEquals(remaining, reply.body().path("attemptsRemaining").asInt());
        }
        Reply afterThird = api.post(step(resetId, "verify"), Map.of("method", "sms", "code", code));
        assertEquals(400, afterThird.status());
        assertEquals("attempts_exhausted", afterThird.text("error"));
    }

    @Test
    void resend_waitsSixtySecondsAndKeepsFailures() {
        String resetId = startAndIdentify("cs0102");
        sendSms(resetId, "+1 205 555 0142", 202);
        api.post(step(resetId, "verify"), Map.of("method", "sms", "code", "not a code"));

        Reply early = api.post(step(resetId, "challenge"), Map.of("method", "sms", "phoneNumber", "2055550142"));
        assertEquals(429, early.status());
        assertEquals("rate_limited", early.text("error"));
        assertTrue(Instant.parse(early.text("retryAfter")).isAfter(Instant.parse(now())));

        api.advanceClock(61);
        sendSms(resetId, "2055550142", 202);
        Reply wrong = api.post(step(resetId, "verify"), Map.of("method", "sms", "code", "999999x"));
        assertEquals(1, wrong.body().path("attemptsRemaining").asInt(), "a resend must not reset failures");
    }

    @Test
    void code_expiresAfterFiveMinutes() {
        String resetId = startAndIdentify("cs0102");
        sendSms(resetId, "2055550142", 202);
        String code = api.latestSmsCode(DemoDirectory.PHONE_ONLY_USER_PHONE);

        api.advanceClock(301);
        Reply reply = api.post(step(resetId, "verify"), Map.of("method", "sms", "code", code));
        assertEquals(400, reply.status());
        assertEquals("code_expired", reply.text("error"));
    }

    @Test
    void phoneOnlyUser_isToldToContactTheAdministrator() {
        String resetId = startAndIdentify("cs0102");
        sendSms(resetId, "2055550142", 202);
        Reply reply = api.post(step(resetId, "verify"),
                Map.of("method", "sms", "code", api.latestSmsCode(DemoDirectory.PHONE_ONLY_USER_PHONE)));

        assertEquals(200, reply.status());
        assertEquals("VERIFY_2", reply.text("stage"));
        assertEquals(0, reply.body().path("methods").size());
        assertTrue(reply.body().path("support").path("text").asText().contains("IT Service Desk"));
        Reply voice = api.post(step(resetId, "challenge"), Map.of("method", "voice", "phoneNumber", "2055550142"));
        assertEquals("method_not_allowed", voice.text("error"));
    }

    @Test
    void session_expiresAfterFifteenMinutes() {
        String resetId = startAndIdentify("cs0102");
        api.advanceClock(15 * 60);
        Reply reply = api.post(step(resetId, "challenge"), Map.of("method", "sms", "phoneNumber", "2055550142"));
        assertEquals(404, reply.status());
        assertEquals("reset_not_found", reply.text("error"));
    }

    @Test
    void voiceCall_readsTheCodeDigitByDigitTwice() {
        String resetId = startAndIdentify("cs0102");
        Reply sent = api.post(step(resetId, "challenge"), Map.of("method", "voice", "phoneNumber", "2055550142"));
        assertEquals(202, sent.status(), sent.toString());

        JsonNode outbox = api.get("dev/outbox").body();
        JsonNode call = outbox.get(outbox.size() - 1);
        assertEquals("voice", call.path("channel").asText());
        String script = call.path("text").asText();
        assertFalse(script.matches(".*\\d{2}.*"), "digits must be read one by one: " + script);
        String digits = script.replaceAll("\\D", "");
        assertEquals(12, digits.length());
        assertEquals(digits.substring(0, 6), digits.substring(6));

        Reply verified = api.post(step(resetId, "verify"), Map.of("method", "voice", "code", digits.substring(0, 6)));
        assertEquals(200, verified.status());
    }

    @Test
    void passwordPolicy_listsTheRules() {
        Reply policy = api.get("v1/password-policy");
        assertEquals(200, policy.status());
        assertEquals(14, policy.body().path("minLength").asInt());
        assertEquals(256, policy.body().path("maxLength").asInt());
        List<String> rules = new java.util.ArrayList<>();
        policy.body().path("rules").forEach(rule -> rules.add(rule.path("rule").asText()));
        assertTrue(rules.containsAll(List.of("min_length", "uppercase", "lowercase", "digit", "special")), rules.toString());
    }

    @Test
    void malformedRequests_getClearErrors() {
        String resetId = startReset();
        Reply notJson = api.post(step(resetId, "identify"), "username=cs0101");
        assertEquals(400, notJson.status());
        assertEquals("invalid_request", notJson.text("error"));

        Reply missing = api.post(step(resetId, "identify"), Map.of("captcha", "ABCDEF"));
        assertEquals(400, missing.status());
        assertEquals("username", missing.text("field"));

        Reply wrongType = api.post(step(resetId, "identify"), "{\"username\": 42, \"captcha\": \"ABCDEF\"}");
        assertEquals(400, wrongType.status());

        Reply unknownField = api.post(step(resetId, "identify"),
                Map.of("username", "cs0101", "captcha", "ABCDEF", "isAdmin", true));
        assertEquals(400, unknownField.status());
        assertEquals("isAdmin", unknownField.text("field"));

        Reply startWithField = api.post("v1/resets", Map.of("foo", 1));
        assertEquals(400, startWithField.status());
        assertEquals("foo", startWithField.text("field"));

        Reply refreshWithField = api.post(step(resetId, "captcha"), Map.of("size", "large"));
        assertEquals(400, refreshWithField.status());
        assertEquals("size", refreshWithField.text("field"));

        Reply unknownPath = api.get("v1/nothing-here");
        assertEquals(404, unknownPath.status());
        assertEquals("not_found", unknownPath.text("error"));
    }

    private static String startReset() {
        Reply started = api.post("v1/resets", "{}");
        assertEquals(201, started.status(), started.toString());
        assertTrue(started.text("resetId").length() >= 22, "resetId must carry at least 128 bits");
        return started.text("resetId");
    }

    private static Reply identify(String resetId, String username) {
        return api.post(step(resetId, "identify"), Map.of("username", username, "captcha", captchaAnswer(resetId)));
    }

    private static String startAndIdentify(String username) {
        String resetId = startReset();
        Reply reply = identify(resetId, username);
        assertEquals(200, reply.status(), reply.toString());
        assertEquals("VERIFY_1", reply.text("stage"));
        return resetId;
    }

    private static void sendSms(String resetId, String typedPhone, int expectedStatus) {
        Reply reply = api.post(step(resetId, "challenge"), Map.of("method", "sms", "phoneNumber", typedPhone));
        assertEquals(expectedStatus, reply.status(), reply.toString());
    }

    private static String captchaAnswer(String resetId) {
        return api.get("dev/captcha/" + resetId).text("answer");
    }

    private static Reply signIn(String username, String password) {
        return api.post("v1/signin", Map.of("username", username, "password", password));
    }

    private static String now() {
        return api.get("dev/clock").text("now");
    }

    private static String currentTotp() {
        long step = Instant.parse(now()).getEpochSecond() / 30;
        return TotpVerifier.codeAt(Base32.decode(DemoDirectory.FULL_USER_TOTP_SECRET), step);
    }

    private static String step(String resetId, String step) {
        return "v1/resets/" + resetId + "/" + step;
    }

    private static List<String> types(JsonNode methods) {
        List<String> types = new java.util.ArrayList<>();
        methods.forEach(method -> types.add(method.path("type").asText()));
        return types;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
