package dev.sspr.core;

import static dev.sspr.core.TestCore.CONTEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.totp.Base32;
import dev.sspr.core.totp.TotpVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignInTest {
    /** 72 bytes of UTF-8, bcrypt's key limit, with a two-byte character so bytes and characters differ. */
    private static final String SHARED_72_BYTES = "Correct-Horse-7-\u00E9" + "x".repeat(54);

    @Test
    void signIn_tellsPasswordsSharing72BytesApart() {
        assertEquals(72, SHARED_72_BYTES.getBytes(StandardCharsets.UTF_8).length);
        TestCore test = new TestCore(true);
        String password = SHARED_72_BYTES + "a";
        assertEquals(200, setPassword(test, password).status());
        SignIn signIn = new SignIn(test.core);

        ApiResponse right = signIn.signIn(Map.of("username", "cs0101", "password", password), CONTEXT);
        ApiResponse sameStart = signIn.signIn(Map.of("username", "cs0101", "password", SHARED_72_BYTES + "b"), CONTEXT);
        ApiResponse prefix = signIn.signIn(Map.of("username", "cs0101", "password", SHARED_72_BYTES), CONTEXT);

        assertEquals(200, right.status());
        assertEquals(401, sameStart.status());
        assertEquals("invalid_credentials", sameStart.body().get("error"));
        assertEquals(401, prefix.status());
    }

    @Test
    void signIn_eleventhAttempt_isRateLimited() {
        TestCore test = new TestCore(true);
        SignIn signIn = new SignIn(test.core);
        for (int i = 0; i < SignIn.MAX_ATTEMPTS_PER_USER; i++) {
            RequestContext other = new RequestContext("req", "198.51.100." + i, "junit");
            assertEquals(401, signIn.signIn(Map.of("username", "cs0101", "password", "Wrong-" + i), other).status());
        }

        ApiResponse limited = signIn.signIn(Map.of("username", "cs0101", "password", TestCore.PASSWORD), CONTEXT);

        assertEquals(429, limited.status());
        assertEquals("rate_limited", limited.body().get("error"));
        assertEquals(Flow.retryAfter(test.clock.instant().plus(SignIn.ATTEMPT_WINDOW)), limited.body().get("retryAfter"));
    }

    @Test
    void signIn_unknownUser_isLimited() {
        TestCore test = new TestCore(true);
        SignIn signIn = new SignIn(test.core);
        for (int i = 0; i < SignIn.MAX_ATTEMPTS_PER_USER; i++) {
            signIn.signIn(Map.of("username", "nobody77", "password", "Wrong-" + i), CONTEXT);
        }

        ApiResponse limited = signIn.signIn(Map.of("username", "nobody77", "password", "Wrong"), CONTEXT);

        assertEquals(429, limited.status());
    }

    @Test
    void signIn_afterWindow_isAllowedAgain() {
        TestCore test = new TestCore(true);
        SignIn signIn = new SignIn(test.core);
        for (int i = 0; i <= SignIn.MAX_ATTEMPTS_PER_USER; i++) {
            signIn.signIn(Map.of("username", "cs0101", "password", "Wrong-" + i), CONTEXT);
        }
        test.clock.advance(SignIn.ATTEMPT_WINDOW);

        ApiResponse right = signIn.signIn(Map.of("username", "cs0101", "password", TestCore.PASSWORD), CONTEXT);

        assertEquals(200, right.status());
    }

    @Test
    void signIn_oneIpv6Network_isRateLimited() {
        TestCore test = new TestCore(true);
        SignIn signIn = new SignIn(test.core);
        for (int i = 0; i < SignIn.MAX_ATTEMPTS_PER_ADDRESS; i++) {
            RequestContext address = new RequestContext("req", "2001:db8:0:1::" + Integer.toHexString(i + 1), "junit");
            signIn.signIn(Map.of("username", "user" + i, "password", "Wrong"), address);
        }

        ApiResponse limited = signIn.signIn(Map.of("username", "cs0101", "password", TestCore.PASSWORD),
                new RequestContext("req", "2001:db8:0:1:ffff::1", "junit"));

        assertEquals(429, limited.status());
    }

    private static ApiResponse setPassword(TestCore test, String password) {
        VerificationStep step = new VerificationStep(test.core);
        String resetId = test.identified("cs0101");
        step.challenge(resetId, Map.of("method", "sms", "phoneNumber", "2055550133"), CONTEXT);
        step.verify(resetId, Map.of("method", "sms", "code", test.lastCode()), CONTEXT);
        test.clock.advance(Duration.ofSeconds(31));
        String totp = TotpVerifier.codeAt(Base32.decode(TestCore.TOTP_SECRET), test.clock.instant().getEpochSecond() / 30);
        step.verify(resetId, Map.of("method", "totp", "code", totp), CONTEXT);
        return new PasswordStep(test.core).setPassword(resetId,
                Map.of("newPassword", password, "confirmPassword", password), CONTEXT);
    }
}
