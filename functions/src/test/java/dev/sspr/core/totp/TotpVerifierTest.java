package dev.sspr.core.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.eatthepath.otp.HmacOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpVerifierTest {
    /** The SHA-1 secret of RFC 6238 Appendix B and RFC 4226 Appendix D. */
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** 1234567890 seconds after the epoch, in step 41152263 (RFC 6238 Appendix B). */
    private static final long NOW_SECONDS = 1_234_567_890L;
    private static final long NOW_STEP = 41_152_263L;

    private static TotpVerifier verifierAt(long epochSecond) {
        return new TotpVerifier(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    private final TotpVerifier verifier = verifierAt(NOW_SECONDS);

    private static String toFullWidth(String asciiDigits) {
        StringBuilder fullWidth = new StringBuilder();
        asciiDigits.chars().forEach(digit -> fullWidth.append((char) (0xFF10 + digit - '0')));
        return fullWidth.toString();
    }

    @ParameterizedTest
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    void codeAt_matchesRfc6238Sha1Vectors(long epochSecond, String eightDigitCode) {
        // RFC 6238 lists 8-digit codes. The 6-digit code is the same number modulo 10^6.
        String expected = eightDigitCode.substring(2);
        long step = epochSecond / TotpVerifier.STEP_SECONDS;

        assertEquals(expected, TotpVerifier.codeAt(RFC_SECRET, step));
        assertEquals(OptionalLong.of(step), verifierAt(epochSecond).verify(RFC_SECRET, expected, -1));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314",
        "5, 254676", "6, 287922", "7, 162583", "8, 399871", "9, 520489"
    })
    void codeAt_matchesRfc4226HotpVectors(long counter, String expected) {
        assertEquals(expected, TotpVerifier.codeAt(RFC_SECRET, counter));
    }

    @Test
    void codeAt_agreesWithJavaOtpLibrary() throws Exception {
        HmacOneTimePasswordGenerator reference = new HmacOneTimePasswordGenerator(TotpVerifier.DIGITS);
        Random random = new Random(6238);
        for (int i = 0; i < 200; i++) {
            byte[] secret = new byte[1 + random.nextInt(64)];
            random.nextBytes(secret);
            long step = random.nextLong() & Long.MAX_VALUE;
            Key key = new SecretKeySpec(secret, "HmacSHA1");
            String expected = String.format("%06d", reference.generateOneTimePassword(key, step));

            assertEquals(expected, TotpVerifier.codeAt(secret, step), "step " + step);
        }
    }

    @Test
    void currentStep_dividesEpochSecondsByThirty() {
        assertEquals(NOW_STEP, verifier.currentStep());
        assertEquals(1, verifierAt(59).currentStep());
        assertEquals(2, verifierAt(60).currentStep());
    }

    @Test
    void verify_acceptsPreviousCurrentAndNextStep() {
        for (long step = NOW_STEP - 1; step <= NOW_STEP + 1; step++) {
            String code = TotpVerifier.codeAt(RFC_SECRET, step);

            assertEquals(OptionalLong.of(step), verifier.verify(RFC_SECRET, code, -1), "step " + step);
        }
    }

    @Test
    void verify_rejectsStepTwoBehind() {
        String code = TotpVerifier.codeAt(RFC_SECRET, NOW_STEP - 2);

        assertEquals(OptionalLong.empty(), verifier.verify(RFC_SECRET, code, -1));
    }

    @Test
    void verify_rejectsStepTwoAhead() {
        String code = TotpVerifier.codeAt(RFC_SECRET, NOW_STEP + 2);

        assertEquals(OptionalLong.empty(), verifier.verify(RFC_SECRET, code, -1));
    }

    @Test
    void verify_rejectsReplayOfAcceptedStep() {
        String code = TotpVerifier.codeAt(RFC_SECRET, NOW_STEP);
        long accepted = verifier.verify(RFC_SECRET, code, -1).orElseThrow();

        assertEquals(OptionalLong.empty(), verifier.verify(RFC_SECRET, code, accepted));
    }

    @Test
    void verify_rejectsStepBeforeLastAccepted() {
        String previous = TotpVerifier.codeAt(RFC_SECRET, NOW_STEP - 1);

        assertEquals(OptionalLong.empty(), verifier.verify(RFC_SECRET, previous, NOW_STEP));
    }

    @Test
    void verify_acceptsStepAfterLastAccepted() {
        String next = TotpVerifier.codeAt(RFC_SECRET, NOW_STEP + 1);

        assertEquals(OptionalLong.of(NOW_STEP + 1), verifier.verify(RFC_SECRET, next, NOW_STEP));
    }

    @Test
    void verify_returnsEarliestStepWhenCodesCollide() {
        // With the RFC secret, steps 910737 and 910738 both have the code 911617.
        long earlier = 910_737L;
        String code = TotpVerifier.codeAt(RFC_SECRET, earlier);
        assertEquals(code, TotpVerifier.codeAt(RFC_SECRET, earlier + 1));
        TotpVerifier atLaterStep = verifierAt((earlier + 1) * TotpVerifier.STEP_SECONDS);

        assertEquals(OptionalLong.of(earlier), atLaterStep.verify(RFC_SECRET, code, -1));
        assertEquals(OptionalLong.of(earlier + 1), atLaterStep.verify(RFC_SECRET, code, earlier));
    }

    @Test
    void verify_acceptsFullWidthDigits() {
        String code = TotpVerifier.codeAt(RFC_SECRET, NOW_STEP);

        assertEquals(OptionalLong.of(NOW_STEP), verifier.verify(RFC_SECRET, toFullWidth(code), -1));
    }

    @Test
    void verify_acceptsGroupedCode() {
        String code = TotpVerifier.codeAt(RFC_SECRET, NOW_STEP);
        String grouped = code.substring(0, 3) + " " + code.substring(3);

        assertEquals(OptionalLong.of(NOW_STEP), verifier.verify(RFC_SECRET, grouped, -1));
    }

    @Test
    void verify_rejectsFiveDigits() {
        String code = TotpVerifier.codeAt(RFC_SECRET, NOW_STEP);

        assertEquals(OptionalLong.empty(), verifier.verify(RFC_SECRET, code.substring(0, 5), -1));
    }

    @Test
    void verify_rejectsSevenDigits() {
        String code = TotpVerifier.codeAt(RFC_SECRET, NOW_STEP);

        assertEquals(OptionalLong.empty(), verifier.verify(RFC_SECRET, code + "0", -1));
        assertEquals(OptionalLong.empty(), verifier.verify(RFC_SECRET, "0" + code, -1));
    }

    @Test
    void verify_rejectsCodeForOtherSecret() {
        byte[] otherSecret = "12345678901234567891".getBytes(StandardCharsets.US_ASCII);
        String code = TotpVerifier.codeAt(otherSecret, NOW_STEP);
        assertNotEquals(code, TotpVerifier.codeAt(RFC_SECRET, NOW_STEP));

        assertEquals(OptionalLong.empty(), verifier.verify(RFC_SECRET, code, -1));
    }

    @Test
    void verify_rejectsNullCode() {
        assertEquals(OptionalLong.empty(), verifier.verify(RFC_SECRET, null, -1));
    }

    @Test
    void verify_rejectsEmptySecret() {
        assertThrows(IllegalArgumentException.class, () -> verifier.verify(new byte[0], "123456", -1));
    }

    @Test
    void verify_rejectsLastAcceptedBelowMinusOne() {
        String code = TotpVerifier.codeAt(RFC_SECRET, NOW_STEP);

        assertThrows(IllegalArgumentException.class, () -> verifier.verify(RFC_SECRET, code, -2));
    }

    @Test
    void verify_skipsStepsBeforeEpoch() {
        // At second 0 the window includes step -1, which no authenticator produces.
        String code = TotpVerifier.codeAt(RFC_SECRET, -1);
        TotpVerifier atEpoch = verifierAt(0);

        assertEquals(OptionalLong.empty(), atEpoch.verify(RFC_SECRET, code, -1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "123456|123456",
        " 123 456 |123456",
        "123\u00A0456|123456",
        "123\u3000456|123456",
        "123-456|123456",
        "123\u2013456|123456",
        "\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16|123456",
        "\u0661\u0662\u0663\u0664\u0665\u0666|123456",
        "\u0967\u0968\u0969\u096A\u096B\u096C|123456"
    })
    void normaliseCode_returnsSixAsciiDigits(String typed, String expected) {
        assertEquals(Optional.of(expected), TotpVerifier.normaliseCode(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "12345", "1234567", "12a456", "12.456", "+123456", "123456\u00B2",
        "\u2460\u2461\u2462\u2463\u2464\u2465"
    })
    void normaliseCode_rejectsAnythingButSixDigits(String typed) {
        assertEquals(Optional.empty(), TotpVerifier.normaliseCode(typed));
    }

    @Test
    void normaliseCode_rejectsNull() {
        assertEquals(Optional.empty(), TotpVerifier.normaliseCode(null));
    }
}
