package dev.sspr.core.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

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
}
