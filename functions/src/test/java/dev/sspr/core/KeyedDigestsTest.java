package dev.sspr.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyedDigestsTest {
    private static final byte[] KEY = new byte[32];
    private final KeyedDigests digests = new KeyedDigests(KEY);

    @Test
    void codeDigest_isBoundToResetAndMethod() {
        Secret code = Secret.of("123456");
        String digest = digests.codeDigest("reset-a", MethodType.SMS, code);

        assertEquals(digest, digests.codeDigest("reset-a", MethodType.SMS, code));
        assertNotEquals(digest, digests.codeDigest("reset-b", MethodType.SMS, code));
        assertNotEquals(digest, digests.codeDigest("reset-a", MethodType.VOICE, code));
        assertFalse(digest.contains("123456"));
    }

    @Test
    void digest_dependsOnTheKey() {
        byte[] otherKey = Arrays.copyOf(KEY, 32);
        otherKey[0] = 1;
        assertNotEquals(digests.captchaDigest("r", "ABCDEF"), new KeyedDigests(otherKey).captchaDigest("r", "ABCDEF"));
    }

    @Test
    void parts_cannotBeShiftedAcrossBoundaries() {
        assertNotEquals(digests.captchaDigest("ab", "C"), digests.captchaDigest("a", "BC"));
    }

    @Test
    void sameDigest_rejectsNullAndDifferent() {
        assertTrue(KeyedDigests.sameDigest("abc", "abc"));
        assertFalse(KeyedDigests.sameDigest("abc", "abd"));
        assertFalse(KeyedDigests.sameDigest(null, "abc"));
        assertFalse(KeyedDigests.sameDigest("abc", null));
    }

    @Test
    void constructor_rejectsShortKeys() {
        assertThrows(IllegalArgumentException.class, () -> new KeyedDigests(new byte[16]));
    }
}
