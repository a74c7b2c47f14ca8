package dev.sspr.core.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BannedWordsTest {
    @Test
    void wordsOfName_splitsAndJoinsWords() {
        assertEquals(Set.of("example", "agency", "exampleagency"), BannedWords.wordsOfName("Example Agency"));
        assertEquals(Set.of("jane", "janedoe"), BannedWords.wordsOfName("jane.doe"));
        assertEquals(Set.of("cs0101"), BannedWords.wordsOfName("CS0101"));
    }

    @Test
    void wordsOfName_dropsWordsShorterThanFour() {
        assertEquals(Set.of(), BannedWords.wordsOfName("IT"));
        assertEquals(Set.of("abcd"), BannedWords.wordsOfName("abcd"));
        assertEquals(Set.of(), BannedWords.wordsOfName("abc"));
        assertEquals(Set.of("abcd"), BannedWords.wordsOfName("ab-cd"));
    }

    @Test
    void wordsOfName_foldsNfkcAndCase() {
        assertEquals(Set.of("acme"), BannedWords.wordsOfName("\uFF21\uFF23\uFF2D\uFF25"));
    }

    @Test
    void anyIn_matchesSubstrings() {
        BannedWords words = BannedWords.ofNames(List.of("Example Agency"));

        assertTrue(words.anyIn("my-exampleagency-7"));
        assertTrue(words.anyIn("agency7"));
        assertFalse(words.anyIn("agenc-y7"));
    }

    @Test
    void ofWords_keepsOperatorWordsWhole() {
        BannedWords words = BannedWords.ofWords(List.of(" Blue Falcon ", "abc"));

        assertEquals(1, words.size());
        assertTrue(words.anyIn("the blue falcon 7!"));
        assertFalse(words.anyIn("bluefalcon"));
    }

    @Test
    void readFile_skipsCommentsAndBlankLines(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("banned.txt");
        Files.writeString(file, "# team names\n\nFalcon\n  Osprey  \nowl\n", StandardCharsets.UTF_8);

        BannedWords words = BannedWords.readFile(file);

        assertEquals(2, words.size());
        assertTrue(words.anyIn("falcon-2026"));
        assertTrue(words.anyIn("osprey-2026"));
        assertFalse(words.anyIn("owl-2026"));
        assertFalse(words.anyIn("# team names"));
    }

    @Test
    void fromEnvironment_readsTheNamedFile(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("banned.txt");
        Files.writeString(file, "Falcon\n", StandardCharsets.UTF_8);

        BannedWords words = BannedWords.fromEnvironment(Map.of("BANNED_PASSWORD_WORDS_FILE", file.toString()));

        assertTrue(words.anyIn("falcon"));
    }

    @Test
    void fromEnvironment_bansNothingWhenUnset() {
        assertSame(BannedWords.none(), BannedWords.fromEnvironment(Map.of()));
        assertSame(BannedWords.none(), BannedWords.fromEnvironment(Map.of("BANNED_PASSWORD_WORDS_FILE", " ")));
    }

    @Test
    void fromEnvironment_namesAMissingFile(@TempDir Path directory) {
        Path missing = directory.resolve("missing.txt");

        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> BannedWords.fromEnvironment(Map.of("BANNED_PASSWORD_WORDS_FILE", missing.toString())));
        assertTrue(error.getMessage().startsWith("Failed to read the banned password words file " + missing
                + " named by BANNED_PASSWORD_WORDS_FILE"), error.getMessage());
    }

    @Test
    void plus_combinesBothLists() {
        BannedWords words = BannedWords.ofNames(List.of("Example")).plus(BannedWords.ofWords(List.of("Falcon")));

        assertEquals(2, words.size());
        assertTrue(words.anyIn("example"));
        assertTrue(words.anyIn("falcon"));
    }
}
