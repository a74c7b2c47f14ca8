package dev.sspr.core.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sspr.core.Secret;
import org.junit.jupiter.api.Test;

class PasswordsTest {
    @Test
    void normalise_mapsFullWidthLettersToAscii() {
        Secret fullWidth = Secret.of("\uFF30\uFF41\uFF53\uFF53\uFF11\uFF01");

        assertEquals("Pass1!", Passwords.normalise(fullWidth).reveal());
    }

    @Test
    void normalise_composesCombiningAccent() {
        assertEquals("\u00E9", Passwords.normalise(Secret.of("e\u0301")).reveal());
    }

    @Test
    void normalise_mapsNoBreakSpaceToSpace() {
        assertEquals("a b", Passwords.normalise(Secret.of("a\u00A0b")).reveal());
    }

    @Test
    void normalise_keepsSurroundingSpaces() {
        assertEquals("  a  ", Passwords.normalise(Secret.of("  a  ")).reveal());
    }

    @Test
    void normalise_rejectsNull() {
        assertThrows(NullPointerException.class, () -> Passwords.normalise(null));
    }

    @Test
    void countCharacters_countsEmojiSequencesAsOne() {
        assertEquals(1, Passwords.countCharacters(Secret.of("\uD83C\uDDE9\uD83C\uDDEA")));
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertEquals(1, Passwords.countCharacters(Secret.of(family)));
        assertEquals(1, Passwords.countCharacters(Secret.of("\uD83D\uDC4D\uD83C\uDFFD")));
        assertEquals(1, Passwords.countCharacters(Secret.of("1\uFE0F\u20E3")));
    }

    @Test
    void countCharacters_countsAccentedLetterAsOne() {
        assertEquals(1, Passwords.countCharacters(Secret.of("x\u0301\u0323")));
    }

    @Test
    void countCharacters_countsAfterNfkc() {
        assertEquals(2, Passwords.countCharacters(Secret.of("\uFB01")));
    }

    @Test
    void countCharacters_countsSpaces() {
        assertEquals(3, Passwords.countCharacters(Secret.of(" a ")));
    }

    @Test
    void countCharacters_returnsZeroForEmpty() {
        assertEquals(0, Passwords.countCharacters(Secret.of("")));
    }
}
