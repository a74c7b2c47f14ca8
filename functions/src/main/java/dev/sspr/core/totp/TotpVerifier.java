package dev.sspr.core.totp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies time-based one-time passwords (TOTP, RFC 6238) with HMAC-SHA-1, 6 digits and
 * 30-second time steps counted from the Unix epoch.
 */
public final class TotpVerifier {
    public static final int DIGITS = 6;
    public static final long STEP_SECONDS = 30;

    private static final String HMAC_ALGORITHM = "HmacSHA1";
    private static final int MODULUS = 1_000_000;

    private final Clock clock;

    /** Creates a verifier that reads the current time from the clock. */
    public TotpVerifier(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Returns the time step T that contains the clock's current instant. */
    public long currentStep() {
        return Math.floorDiv(clock.instant().getEpochSecond(), STEP_SECONDS);
    }

    /**
     * Verifies a typed code against steps T-1, T and T+1 of the server clock, which tolerates
     * at least 30 seconds of clock difference between server and authenticator either way.
     *
     * <p>A step at or below lastAcceptedStep is never accepted, so a code that was used once
     * cannot be used again. The caller stores the returned step and passes it back next time.
     * The code is compared in constant time with each candidate step, without stopping at the
     * first match. If two steps happen to have the same code, the earliest one is returned.
     *
     * @param secret the shared secret, not empty
     * @param typedCode the code as the person typed it, which this method normalises with
     *     {@link #normaliseCode}
     * @param lastAcceptedStep the step accepted last for this secret, or -1 if none, so that
     *     steps before the Unix epoch are never accepted
     * @return the step that matched, or empty if the code is malformed or matches no allowed step
     * @throws IllegalArgumentException if the secret is empty or lastAcceptedStep is below -1
     */
    public OptionalLong verify(byte[] secret, String typedCode, long lastAcceptedStep) {
        requireSecret(secret);
        if (lastAcceptedStep < -1) {
            throw new IllegalArgumentException(
                    "lastAcceptedStep must be -1 or a step number, was " + lastAcceptedStep);
        }
        Optional<String> code = normaliseCode(typedCode);
        if (code.isEmpty()) {
            return OptionalLong.empty();
        }
        byte[] typed = code.get().getBytes(StandardCharsets.US_ASCII);
        long now = currentStep();
        long matchedStep = -1;
        for (long step = now - 1; step <= now + 1; step++) {
            if (step <= lastAcceptedStep) {
                continue;
            }
            byte[] expected = codeAt(secret, step).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, typed) && matchedStep < 0) {
                matchedStep = step;
            }
        }
        return matchedStep < 0 ? OptionalLong.empty() : OptionalLong.of(matchedStep);
    }

    /**
     * Normalises a typed code to six ASCII digits.
     *
     * <p>Removes whitespace, including no-break and ideographic spaces, and dashes (Unicode Pd,
     * such as "123-456"), because apps and messages show codes in groups. Separators carry no
     * digits, so removing them cannot make a wrong code match. Maps every decimal digit (Unicode
     * Nd), such as full-width or Arabic-Indic digits, to its ASCII digit.
     *
     * @return the six digits, or empty if the text is null, contains any other character, or
     *     does not contain exactly six digits
     */
    public static Optional<String> normaliseCode(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        StringBuilder digits = new StringBuilder(DIGITS);
        for (int i = 0; i < typed.length(); ) {
            int codePoint = typed.codePointAt(i);
            i += Character.charCount(codePoint);
            if (isSeparator(codePoint)) {
                continue;
            }
            boolean isDigit = Character.getType(codePoint) == Character.DECIMAL_DIGIT_NUMBER;
            if (!isDigit || digits.length() == DIGITS) {
                return Optional.empty();
            }
            digits.append((char) ('0' + Character.digit(codePoint, 10)));
        }
        return digits.length() == DIGITS ? Optional.of(digits.toString()) : Optional.empty();
    }

    /**
     * Computes the code for a time step with HOTP (RFC 4226). The HMAC-SHA-1 of the step, as an
     * 8-byte big-endian counter, is truncated dynamically to 31 bits, and the code is the last
     * six decimal digits of that number.
     *
     * @throws IllegalArgumentException if the secret is empty
     */
    public static String codeAt(byte[] secret, long step) {
        requireSecret(secret);
        byte[] hmac = hmacSha1(secret, ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        int offset = hmac[hmac.length - 1] & 0x0f;
        int truncated = ByteBuffer.wrap(hmac, offset, Integer.BYTES).getInt() & 0x7fffffff;
        return String.format(Locale.ROOT, "%06d", truncated % MODULUS);
    }

    private static boolean isSeparator(int codePoint) {
        return Character.isWhitespace(codePoint)
                || Character.isSpaceChar(codePoint)
                || Character.getType(codePoint) == Character.DASH_PUNCTUATION;
    }

    private static void requireSecret(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length == 0) {
            throw new IllegalArgumentException(
                    "TOTP secret is empty. Enrol the authenticator again.");
        }
    }

    private static byte[] hmacSha1(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(HMAC_ALGORITHM);
            mac.init(new SecretKeySpec(key, HMAC_ALGORITHM));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            // The javax.crypto.Mac documentation requires every Java platform to support HmacSHA1.
            throw new IllegalStateException("HmacSHA1 is not available in this JDK", e);
        }
    }
}
