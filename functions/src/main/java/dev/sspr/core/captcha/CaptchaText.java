package dev.sspr.core.captcha;

import dev.sspr.core.Secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Generation and checking of the text that a CAPTCHA image shows. */
public final class CaptchaText {
    /** Number of characters in a generated text. */
    public static final int LENGTH = 6;

    /**
     * Characters a generated text draws from, upper case only because answers are
     * case-insensitive. 17 symbols over 6 positions give about 24.5 bits of entropy.
     * Each excluded character looks like a kept or another excluded one once rotated,
     * scaled or crossed by a noise curve: 0 O D Q (round shapes), 1 I J 7 (vertical
     * strokes), 2 Z, 5 S, 8 B, G (like C and 6), U V, and F P, which become E and R
     * when a curve adds a stroke. The kept pairs 6 9 and M W differ by a half turn,
     * and {@link CaptchaImageRenderer} rotates glyphs by at most 20 degrees.
     */
    static final String ALPHABET = "ACEHKLMNRTWXY3469";

    /** Maximum length of a typed answer, checked first so that huge input is cheap to reject. */
    private static final int MAX_TYPED_LENGTH = 64;

    /** Unicode White_Space, which includes no-break spaces such as U+00A0 (unlike isWhitespace). */
    private static final Pattern WHITESPACE = Pattern.compile("\\p{IsWhite_Space}+");

    private static final SecureRandom RANDOM = new SecureRandom();

    private CaptchaText() {
    }

    /** Generates a text of {@link #LENGTH} characters drawn uniformly from the alphabet. */
    public static Secret generate() {
        StringBuilder text = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return Secret.of(text.toString());
    }

    /**
     * Checks a typed answer against the expected text.
     * The check ignores case and all Unicode whitespace, including no-break spaces, so
     * " ack 34 9 " matches "ACK349". It applies NFKC first, so full-width letters
     * typed through an East Asian input method match too.
     * The final comparison takes time that does not depend on where the texts differ.
     *
     * @return false when {@code typed} is null, too long or does not match, and when
     *     {@code expected} is empty after normalisation, so a missing expected text never matches
     */
    public static boolean matches(Secret expected, String typed) {
        if (typed == null || typed.length() > MAX_TYPED_LENGTH) {
            return false;
        }
        String expectedText = canonical(expected.reveal());
        if (expectedText.isEmpty()) {
            return false;
        }
        byte[] expectedBytes = expectedText.getBytes(StandardCharsets.UTF_8);
        byte[] typedBytes = canonical(typed).getBytes(StandardCharsets.UTF_8);
        // MessageDigest.isEqual takes time that depends only on the expected length, unless the
        // typed bytes are empty. JDK 17 and 25 both implement it this way.
        return MessageDigest.isEqual(expectedBytes, typedBytes);
    }

    /**
     * Returns the form answers are compared in: NFKC, with all Unicode whitespace removed, upper
     * case. Stores that keep only a digest of the answer digest this form.
     */
    public static String canonical(String text) {
        String compatible = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return WHITESPACE.matcher(compatible).replaceAll("").toUpperCase(Locale.ROOT);
    }
}
