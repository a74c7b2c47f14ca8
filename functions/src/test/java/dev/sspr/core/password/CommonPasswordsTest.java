package dev.sspr.core.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommonPasswordsTest {
    @Test
    void zxcvbn_hasThirtyThousandDistinctPasswords() {
        assertEquals(30_000, CommonPasswords.zxcvbn().size());
    }

    @Test
    void zxcvbn_containsTheMostCommonPasswords() {
        CommonPasswords list = CommonPasswords.zxcvbn();

        assertTrue(list.containsFolded("123456"));
        assertTrue(list.containsFolded("password"));
        assertTrue(list.containsFolded("qwerty"));
        assertTrue(list.containsFolded("1qaz2wsx3edc4rfv"));
        assertFalse(list.containsFolded("quiet-harbour-lamp-4821!"));
    }

    @Test
    void zxcvbn_isLoadedOncePerJvm() {
        assertSame(CommonPasswords.zxcvbn(), CommonPasswords.zxcvbn());
    }

    @Test
    void of_foldsCaseAndNfkc() {
        CommonPasswords list = CommonPasswords.of(List.of("PassWord", "\uFF21\uFF22\uFF23\uFF24"));

        assertEquals(2, list.size());
        assertTrue(list.containsFolded("password"));
        assertTrue(list.containsFolded("abcd"));
    }

    @ParameterizedTest
    @CsvSource({
        "p@ssw0rd2024!, password",
        "password123456!, password",
        "!!2024sunshine##, sunshine",
        "m0nk3y$$$$$$$$$$, monkey",
        "he11o-kitty, hello-kitty",
        "f00tb@ll-1999, football",
        "dr@g0n2026!!, dragon"})
    void variantOf_findsDisguisedPassword(String typed, String expected) {
        CommonPasswords list = CommonPasswords.of(List.of("password", "sunshine", "monkey", "hello-kitty", "football",
                "dragon"));

        assertEquals(expected, list.variantOf(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "correct-horse-battery-42!",
        "quiet-harbour-lamp-4821!",
        "tiger#2026#lamp",
        "x!8472910384756",
        "passwordless-login-7!",
        ""})
    void variantOf_leavesOtherPasswords(String typed) {
        CommonPasswords list = CommonPasswords.of(List.of("password", "tiger", "lamp", "x"));

        assertNull(list.variantOf(typed));
    }

    @Test
    void variantOf_ignoresShortCores() {
        CommonPasswords list = CommonPasswords.of(List.of("abcd"));

        assertNull(list.variantOf("abcd1234567890!!"));
    }

    @Test
    void zxcvbn_variantOfCommonDisguise_isFound() {
        assertEquals("password", CommonPasswords.zxcvbn().variantOf("p@$$w0rd2026!!!!"));
    }
}
