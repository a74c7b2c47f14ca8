package dev.sspr.core.password;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.sspr.core.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {
    /** bcrypt's key limit, which the hasher must not silently apply. */
    private static final int BCRYPT_KEY_BYTES = 72;

    private final PasswordHasher hasher = PasswordHasher.forTestsWithCost(4);

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Builds a password of exactly {@code byteLength} UTF-8 bytes that starts with multi-byte
     * characters (2, 3 and 4 bytes each), continues with ASCII and ends with {@code last}.
     */
    private static String passwordOfBytes(int byteLength, char last) {
        String prefix = "\u00E9\u20AC\uD83D\uDE00";
        String filler = "x".repeat(byteLength - utf8Length(prefix) - 1);
        String password = prefix + filler + last;
        assertEquals(byteLength, utf8Length(password));
        return password;
    }

    private static byte[] firstBytes(String text, int count) {
        return Arrays.copyOf(text.getBytes(StandardCharsets.UTF_8), count);
    }

    @Test
    void verify_acceptsHashedPassword() {
        String hash = hasher.hash(Secret.of("Correct-Horse-7-Battery"));

        assertTrue(hasher.verify(Secret.of("Correct-Horse-7-Battery"), hash));
    }

    @Test
    void verify_rejectsDifferentPassword() {
        String hash = hasher.hash(Secret.of("Correct-Horse-7-Battery"));

        assertFalse(hasher.verify(Secret.of("Correct-Horse-7-Batterz"), hash));
    }

    @Test
    void hash_producesBcrypt2bWithConfiguredCost() {
        String hash = hasher.hash(Secret.of("Correct-Horse-7-Battery"));

        assertEquals(60, hash.length());
        assertTrue(hash.startsWith("$2b$04$"), hash);
    }

    @Test
    void hash_usesFreshSalt() {
        String first = hasher.hash(Secret.of("Correct-Horse-7-Battery"));
        String second = hasher.hash(Secret.of("Correct-Horse-7-Battery"));

        assertNotEquals(first, second);
        assertTrue(hasher.verify(Secret.of("Correct-Horse-7-Battery"), second));
    }

    @Test
    void hash_matchesStandardBcryptForShortPasswords() {
        String password = "Correct-Horse-7-Battery";
        String hash = hasher.hash(Secret.of(password));

        BCrypt.Result result = BCrypt.verifyer().verify(password.toCharArray(), hash);
        assertTrue(result.verified);
    }

    @Test
    void verify_acceptsHashOfAnotherCost() {
        String hash = PasswordHasher.forTestsWithCost(5).hash(Secret.of("Correct-Horse-7-Battery"));

        assertTrue(hasher.verify(Secret.of("Correct-Horse-7-Battery"), hash));
    }

    @Test
    void verify_matchesNfkcEquivalentForms() {
        String fullWidth = "\uFF30\uFF41\uFF53\uFF53\uFF57\uFF4F\uFF52\uFF44\uFF11\uFF01";
        String hash = hasher.hash(Secret.of(fullWidth));

        assertTrue(hasher.verify(Secret.of("Password1!"), hash));
        assertTrue(hasher.verify(Secret.of("Caf\u00E9-7"), hasher.hash(Secret.of("Cafe\u0301-7"))));
    }

    @Test
    void verify_doesNotTrimSpaces() {
        String hash = hasher.hash(Secret.of("Correct-Horse-7-Battery "));

        assertFalse(hasher.verify(Secret.of("Correct-Horse-7-Battery"), hash));
    }

    @ParameterizedTest
    @ValueSource(ints = {71, 72, 73, 300})
    void verify_distinguishesPasswordsDifferingInLastByte(int byteLength) {
        String password = passwordOfBytes(byteLength, 'a');
        String other = passwordOfBytes(byteLength, 'b');
        assertArrayEquals(firstBytes(password, byteLength - 1), firstBytes(other, byteLength - 1));

        String hash = hasher.hash(Secret.of(password));

        assertTrue(hasher.verify(Secret.of(password), hash));
        assertFalse(hasher.verify(Secret.of(other), hash));
    }

    @Test
    void verify_distinguishesMultiByteCharacterAcrossLimit() {
        // Bytes 72 to 74 are one three-byte character, and the two characters differ in byte 74.
        String password = "y".repeat(71) + "\u20AC";
        String other = "y".repeat(71) + "\u20A4";
        assertArrayEquals(firstBytes(password, 73), firstBytes(other, 73));

        assertFalse(hasher.verify(Secret.of(other), hasher.hash(Secret.of(password))));
    }

    @Test
    void verify_rejectsFirst72BytesOfLongerPassword() {
        String longPassword = passwordOfBytes(300, 'a');
        byte[] prefixBytes = firstBytes(longPassword, BCRYPT_KEY_BYTES);
        String prefix = new String(prefixBytes, StandardCharsets.UTF_8);
        assertEquals(BCRYPT_KEY_BYTES, utf8Length(prefix));

        assertFalse(hasher.verify(Secret.of(prefix), hasher.hash(Secret.of(longPassword))));
        assertFalse(hasher.verify(Secret.of(longPassword), hasher.hash(Secret.of(prefix))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not a bcrypt hash",
        "$2b$04$tooShort",
        "$2b$03$gl9vpoF1F6TMuGskXCV6pOwV.J8VXaGLayiVCdbZrLqOvthzo85Ye",
        "$2b$32$gl9vpoF1F6TMuGskXCV6pOwV.J8VXaGLayiVCdbZrLqOvthzo85Ye",
        "$2b$4$gl9vpoF1F6TMuGskXCV6pOwV.J8VXaGLayiVCdbZrLqOvthzo85Ye",
        "$2b$04$gl9vpoF1F6TMuGskXCV6pOwV.J8VXaGLayiVCdbZrLqOvthzo85Y!",
        "$2b$04$gl9vpoF1F6TMuGskXCV6pOwV.J8VXaGLayiVCdbZrLqOvthzo85Yex"
    })
    void verify_returnsFalseForMalformedHash(String storedHash) {
        assertFalse(hasher.verify(Secret.of("Correct-Horse-7-Battery"), storedHash));
    }

    @Test
    void verify_returnsFalseForNullHash() {
        assertFalse(hasher.verify(Secret.of("Correct-Horse-7-Battery"), null));
    }

    @Test
    void verify_returnsFalseForOtherBcryptVersion() {
        String hash = hasher.hash(Secret.of("Correct-Horse-7-Battery"));
        String as2a = "$2a$" + hash.substring(4);

        assertFalse(hasher.verify(Secret.of("Correct-Horse-7-Battery"), as2a));
    }

    @Test
    void hash_rejectsUnpairedSurrogate() {
        Secret password = Secret.of("Correct\uD800Horse");

        assertThrows(IllegalArgumentException.class, () -> hasher.hash(password));
    }

    @Test
    void verify_returnsFalseForUnpairedSurrogate() {
        // String.getBytes would encode both surrogates as '?', so they would match each other.
        String hash = hasher.hash(Secret.of("Correct?Horse"));

        assertFalse(hasher.verify(Secret.of("Correct\uD800Horse"), hash));
    }

    @Test
    void constructor_rejectsCostBelow12() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(11));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(4));
    }

    @Test
    void constructor_rejectsCostAbove31() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(32));
    }

    @Test
    void constructor_acceptsCost12() {
        PasswordHasher production = new PasswordHasher(PasswordHasher.MIN_COST);
        String hash = production.hash(Secret.of("Correct-Horse-7-Battery"));

        assertTrue(hash.startsWith("$2b$12$"), hash);
        assertTrue(production.verify(Secret.of("Correct-Horse-7-Battery"), hash));
    }

    @Test
    void forTestsWithCost_rejectsCostBelow4() {
        assertThrows(IllegalArgumentException.class, () -> PasswordHasher.forTestsWithCost(3));
    }
}
