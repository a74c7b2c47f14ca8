package dev.sspr.core.totp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base32Test {
    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The test vectors of RFC 4648 section 10. */
    @ParameterizedTest
    @CsvSource({
        "'', ''",
        "MY======, f",
        "MZXQ====, fo",
        "MZXW6===, foo",
        "MZXW6YQ=, foob",
        "MZXW6YTB, fooba",
        "MZXW6YTBOI======, foobar"
    })
    void decode_matchesRfc4648Vectors(String encoded, String expected) {
        assertArrayEquals(ascii(expected), Base32.decode(encoded));
    }

    @ParameterizedTest
    @CsvSource({"MY, f", "MZXQ, fo", "MZXW6, foo", "MZXW6YQ, foob", "MZXW6YTBOI, foobar"})
    void decode_acceptsMissingPadding(String encoded, String expected) {
        assertArrayEquals(ascii(expected), Base32.decode(encoded));
    }

    @Test
    void decode_ignoresCase() {
        assertArrayEquals(ascii("foobar"), Base32.decode("mzxw6YtBoi======"));
    }

    @Test
    void decode_ignoresWhitespace() {
        assertArrayEquals(ascii("foobar"), Base32.decode(" MZXW 6YTB\tOI\n"));
        assertArrayEquals(ascii("foobar"), Base32.decode("MZXW\u00A06YTB\u3000OI"));
    }

    @Test
    void decode_decodesRfc6238Secret() {
        assertArrayEquals(ascii("12345678901234567890"), Base32.decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "MZXW6YT1", "MZXW6YT0", "MZXW6YT8", "MZXW-6YTB", "MZXW6YT!", "MZXW\u00FFYTB",
        // Dotless i and long s become I and S under Character.toUpperCase, but are not Base32.
        "MZXW\u0131YTB", "MZXW\u017FYTB"
    })
    void decode_rejectsInvalidCharacter(String encoded) {
        assertThrows(IllegalArgumentException.class, () -> Base32.decode(encoded));
    }

    @Test
    void decode_reportsPositionButNotCharacter() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZXW6YT!"));

        assertTrue(error.getMessage().contains("position 8"), error.getMessage());
        assertFalse(error.getMessage().contains("!"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"MY=A====", "MZXW6YTB========", "MY=====", "MZXW6YQ==", "========", "MZXW6=YQ"})
    void decode_rejectsMisplacedPadding(String encoded) {
        assertThrows(IllegalArgumentException.class, () -> Base32.decode(encoded));
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "MZX", "MZXW6Y", "MZXW6YTBO", "M=======", "MZX====="})
    void decode_rejectsImpossibleLength(String encoded) {
        assertThrows(IllegalArgumentException.class, () -> Base32.decode(encoded));
    }

    @Test
    void decode_rejectsNull() {
        assertThrows(NullPointerException.class, () -> Base32.decode(null));
    }
}
