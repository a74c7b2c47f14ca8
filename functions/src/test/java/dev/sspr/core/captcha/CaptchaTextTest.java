package dev.sspr.core.captcha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.Secret;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaptchaTextTest {
    private static final Secret EXPECTED = Secret.of("ACK349");

    /** Characters that the alphabet leaves out because they look like others. */
    private static final String EXCLUDED = "0ODQ1IJ72Z5S8BGUVFP";

    /** Groups of characters that people confuse in distorted images. */
    private static final List<String> LOOK_ALIKE_GROUPS = List.of(
            "0ODQ", "1IJ7", "2Z", "5S", "8B", "CG", "6G", "UV", "EF", "PR");

    @Test
    void generate_returnsSixAlphabetCharacters() {
        for (int i = 0; i < 1_000; i++) {
            String text = CaptchaText.generate().reveal();

            assertEquals(CaptchaText.LENGTH, text.length(), text);
            for (char c : text.toCharArray()) {
                assertTrue(CaptchaText.ALPHABET.indexOf(c) >= 0, "character " + c + " of " + text);
            }
        }
    }

    @Test
    void generate_usesEveryAlphabetCharacter() {
        Set<Character> seen = new HashSet<>();
        // 2,000 texts contain 12,000 characters, so missing one of 17 has a chance below 1e-300.
        for (int i = 0; i < 2_000; i++) {
            for (char c : CaptchaText.generate().reveal().toCharArray()) {
                seen.add(c);
            }
        }

        assertEquals(CaptchaText.ALPHABET.length(), seen.size(), "seen " + seen);
    }

    @Test
    void generate_returnsDifferentTexts() {
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            texts.add(CaptchaText.generate().reveal());
        }

        // With 17^6 possible texts, one repeat among 100 has a chance of about 2e-4, so it passes.
        assertTrue(texts.size() >= 99, "only " + texts.size() + " distinct texts in 100");
    }

    @Test
    void alphabet_containsNoLookAlikes() {
        for (String group : LOOK_ALIKE_GROUPS) {
            long membersInAlphabet = group.chars()
                    .filter(c -> CaptchaText.ALPHABET.indexOf(c) >= 0)
                    .count();

            assertTrue(membersInAlphabet <= 1,
                    "alphabet contains " + membersInAlphabet + " characters of group " + group);
        }
    }

    @Test
    void alphabet_excludesListedCharacters() {
        for (char c : EXCLUDED.toCharArray()) {
            assertTrue(CaptchaText.ALPHABET.indexOf(c) < 0, "alphabet contains excluded " + c);
        }
    }

    @Test
    void alphabet_usesUpperCaseAndDigitsOnce() {
        Set<Character> seen = new HashSet<>();
        for (char c : CaptchaText.ALPHABET.toCharArray()) {
            boolean upperCaseOrDigit = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            assertTrue(upperCaseOrDigit, "unexpected character " + c);
            assertTrue(seen.add(c), "duplicate character " + c);
        }
    }

    @Test
    void maxRotation_keepsSixAndNineDistinct() {
        // 6 and 9, like M and W, differ by a half turn, so glyphs must stay far from upside down.
        assertTrue(CaptchaImageRenderer.MAX_ROTATION <= Math.toRadians(30),
                Math.toDegrees(CaptchaImageRenderer.MAX_ROTATION) + " degrees");
    }

    @Test
    void matches_acceptsExactText() {
        assertTrue(CaptchaText.matches(EXPECTED, "ACK349"));
    }

    @Test
    void matches_ignoresCase() {
        assertTrue(CaptchaText.matches(EXPECTED, "ack349"));
        assertTrue(CaptchaText.matches(EXPECTED, "AcK349"));
        assertTrue(CaptchaText.matches(Secret.of("ack349"), "ACK349"));
    }

    @Test
    void matches_ignoresSpacesBetweenCharacters() {
        assertTrue(CaptchaText.matches(EXPECTED, "ACK 349"));
        assertTrue(CaptchaText.matches(EXPECTED, "A C K 3 4 9"));
        assertTrue(CaptchaText.matches(EXPECTED, "AC\u00A0K3\u20024 9"));
    }

    @Test
    void matches_ignoresSurroundingUnicodeWhitespace() {
        assertTrue(CaptchaText.matches(EXPECTED, "  ACK349\t\n"));
        assertTrue(CaptchaText.matches(EXPECTED, "\u00A0ACK349\u202F"));
        assertTrue(CaptchaText.matches(EXPECTED, "\u3000ACK349\u2003"));
        assertTrue(CaptchaText.matches(EXPECTED, "\u0085ACK349\u2028"));
    }

    @Test
    void matches_acceptsFullWidthCharacters() {
        assertTrue(CaptchaText.matches(EXPECTED, "\uFF21\uFF23\uFF2B\uFF13\uFF14\uFF19"));
    }

    @Test
    void matches_rejectsWrongCharacter() {
        assertFalse(CaptchaText.matches(EXPECTED, "ACK348"));
        assertFalse(CaptchaText.matches(EXPECTED, "BCK349"));
        assertFalse(CaptchaText.matches(EXPECTED, "ACK-349"));
    }

    @Test
    void matches_rejectsWrongLength() {
        assertFalse(CaptchaText.matches(EXPECTED, "ACK34"));
        assertFalse(CaptchaText.matches(EXPECTED, "ACK3499"));
        assertFalse(CaptchaText.matches(EXPECTED, "A"));
    }

    @Test
    void matches_rejectsMissingAnswer() {
        assertFalse(CaptchaText.matches(EXPECTED, null));
        assertFalse(CaptchaText.matches(EXPECTED, ""));
        assertFalse(CaptchaText.matches(EXPECTED, "   "));
    }

    @Test
    void matches_rejectsOverlongInput() {
        String padded = "ACK349" + " ".repeat(100);

        assertFalse(CaptchaText.matches(EXPECTED, padded));
    }

    @Test
    void matches_rejectsEmptyExpectedText() {
        assertFalse(CaptchaText.matches(Secret.of(""), ""));
        assertFalse(CaptchaText.matches(Secret.of(" "), " "));
    }
}
