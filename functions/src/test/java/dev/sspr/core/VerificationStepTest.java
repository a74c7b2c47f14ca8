package dev.sspr.core;

import static dev.sspr.core.TestCore.CONTEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.totp.Base32;
import dev.sspr.core.totp.TotpVerifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerificationStepTest {

    @Test
    void distinctAuthenticators_forbidSmsThenVoice() {
        TestCore test = new TestCore(true);
        VerificationStep step = new VerificationStep(test.core);
        String resetId = test.identified("cs0101");

        verifySms(test, step, resetId);
        ApiResponse voice = step.challenge(resetId, Map.of("method", "voice", "phoneNumber", "2055550133"), CONTEXT);

        assertEquals(400, voice.status());
        assertEquals("method_not_allowed", voice.body().get("error"));
    }

    @Test
    void withoutDistinctAuthenticators_smsThenVoiceIsAllowed() {
        TestCore test = new TestCore(false);
        VerificationStep step = new VerificationStep(test.core);
        String resetId = test.identified("cs0102");

        ApiResponse first = verifySms(test, step, resetId);
        assertEquals(List.of("voice"), types(first));
        test.clock.advance(Duration.ofSeconds(61));
        ApiResponse call = step.challenge(resetId, Map.of("method", "voice", "phoneNumber", "2055550142"), CONTEXT);
        assertEquals(202, call.status());
        ApiResponse second = step.verify(resetId, Map.of("method", "voice", "code", test.lastCode()), CONTEXT);

        assertEquals(200, second.status());
        assertEquals("NEW_PASSWORD", second.body().get("stage"));
    }

    @Test
    void sameMethodTwice_isNeverAllowed() {
        TestCore test = new TestCore(false);
        VerificationStep step = new VerificationStep(test.core);
        String resetId = test.identified("cs0101");

        verifySms(test, step, resetId);
        test.clock.advance(Duration.ofSeconds(61));
        ApiResponse again = step.challenge(resetId, Map.of("method", "sms", "phoneNumber", "2055550133"), CONTEXT);

        assertEquals("method_not_allowed", again.body().get("error"));
    }

    @Test
    void totpStep_isAcceptedOncePerUser() {
        TestCore test = new TestCore(true);
        VerificationStep step = new VerificationStep(test.core);
        String code = TotpVerifier.codeAt(Base32.decode(TestCore.TOTP_SECRET),
                test.clock.instant().getEpochSecond() / 30);

        ApiResponse first = step.verify(test.identified("cs0101"), Map.of("method", "totp", "code", code), CONTEXT);
        ApiResponse replay = step.verify(test.identified("cs0101"), Map.of("method", "totp", "code", code), CONTEXT);

        assertEquals(200, first.status());
        assertEquals(400, replay.status());
        assertEquals("code_invalid", replay.body().get("error"));
    }

    @Test
    void totp_acceptsFullWidthDigitsAndSpaces() {
        TestCore test = new TestCore(true);
        VerificationStep step = new VerificationStep(test.core);
        String code = TotpVerifier.codeAt(Base32.decode(TestCore.TOTP_SECRET),
                test.clock.instant().getEpochSecond() / 30);
        StringBuilder typed = new StringBuilder();
        for (char digit : code.toCharArray()) {
            typed.append((char) ('\uff10' + (digit - '0'))).append(' ');
        }

        ApiResponse reply = step.verify(test.identified("cs0101"), Map.of("method", "totp", "code", typed.toString()),
                CONTEXT);

        assertEquals(200, reply.status(), reply.toString());
    }

    @Test
    void code_isAcceptedAtFourFiftyNineAndRejectedAtFive() {
        TestCore test = new TestCore(true);
        VerificationStep step = new VerificationStep(test.core);
        String early = test.identified("cs0102");
        step.challenge(early, Map.of("method", "sms", "phoneNumber", "2055550142"), CONTEXT);
        String earlyCode = test.lastCode();
        String late = test.identified("cs0102");
        step.challenge(late, Map.of("method", "sms", "phoneNumber", "2055550142"), CONTEXT);
        String lateCode = test.lastCode();

        test.clock.advance(Duration.ofSeconds(299));
        ApiResponse accepted = step.verify(early, Map.of("method", "sms", "code", earlyCode), CONTEXT);
        test.clock.advance(Duration.ofSeconds(1));
        ApiResponse rejected = step.verify(late, Map.of("method", "sms", "code", lateCode), CONTEXT);

        assertEquals(200, accepted.status());
        assertEquals("code_expired", rejected.body().get("error"));
    }

    @Test
    void codes_goToTheStoredNumberNotTheTypedOne() {
        TestCore test = new TestCore(true);
        VerificationStep step = new VerificationStep(test.core);
        String resetId = test.identified("cs0101");

        step.challenge(resetId, Map.of("method", "sms", "phoneNumber", "+1 (205) 555-0133"), CONTEXT);

        assertEquals("+12055550133", test.messages.get(test.messages.size() - 1)[1]);
    }

    @Test
    void phoneWithExtension_doesNotMatch() {
        TestCore test = new TestCore(true);
        ApiResponse reply = new VerificationStep(test.core).challenge(test.identified("cs0101"),
                Map.of("method", "sms", "phoneNumber", "205-555-0133 ext. 12"), CONTEXT);

        assertEquals("phone_mismatch", reply.body().get("error"));
        assertTrue(test.messages.isEmpty());
    }

    @Test
    void disabledUser_isAnsweredLikeAnUnknownOne() {
        TestCore test = new TestCore(true);
        String resetId = (String) new CaptchaStep(test.core).start(CONTEXT).body().get("resetId");
        ApiResponse disabled = new IdentifyStep(test.core).identify(resetId,
                Map.of("username", "disabled1", "captcha", TestCore.CAPTCHA_ANSWER), CONTEXT);

        assertEquals(200, disabled.status());
        assertEquals(List.of("sms", "voice", "push", "totp"), types(disabled));
        ApiResponse challenge = new VerificationStep(test.core).challenge(resetId,
                Map.of("method", "sms", "phoneNumber", "2055550150"), CONTEXT);
        assertEquals("phone_mismatch", challenge.body().get("error"));
    }

    private static ApiResponse verifySms(TestCore test, VerificationStep step, String resetId) {
        String phone = resetId.isEmpty() ? "" : test.users.find(
                test.core.sessions().find(resetId).orElseThrow().username()).orElseThrow().phoneE164();
        ApiResponse sent = step.challenge(resetId, Map.of("method", "sms", "phoneNumber", phone), CONTEXT);
        assertEquals(202, sent.status(), sent.toString());
        ApiResponse verified = step.verify(resetId, Map.of("method", "sms", "code", test.lastCode()), CONTEXT);
        assertEquals(200, verified.status(), verified.toString());
        return verified;
    }

    @SuppressWarnings("unchecked")
    private static List<String> types(ApiResponse response) {
        return ((List<Map<String, Object>>) response.body().get("methods")).stream()
                .map(method -> (String) method.get("type")).toList();
    }
}
