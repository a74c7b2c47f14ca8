package dev.sspr.core.password;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Words that a password must not contain, matched as substrings after NFKC and case folding.
 * NIST SP 800-63B lists context-specific words, such as the service's name and the username, among
 * the values a verifier should reject. Words shorter than {@value #MIN_WORD_LENGTH} characters
 * (code points) are ignored, so that short names do not ban half of all passwords.
 *
 * <p>Names are split into words at every character that is not a letter or a digit. Each word
 * counts, and so do all its words joined: "Example Agency" bans "example", "agency" and
 * "exampleagency", and "jane.doe" bans "jane" and "janedoe" ("doe" is too short). Operator words
 * are used whole, one per line of a file.
 */
public final class BannedWords {
    /** The shortest word that is matched. */
    public static final int MIN_WORD_LENGTH = 4;

    /** The environment variable that names the operator's file of banned words. */
    public static final String FILE_VARIABLE = "BANNED_PASSWORD_WORDS_FILE";

    /** Separators between the words of a name: anything but letters, their marks and digits. */
    private static final Pattern NON_WORD_CHARACTERS = Pattern.compile("[^\\p{L}\\p{M}\\p{Nd}]+");

    private static final BannedWords NONE = new BannedWords(Set.of());

    private final Set<String> words;

    private BannedWords(Set<String> words) {
        this.words = Set.copyOf(words);
    }

    public static BannedWords none() {
        return NONE;
    }

    /** Bans the words of names such as the organisation's and the product's name. */
    public static BannedWords ofNames(Collection<String> names) {
        Set<String> words = new HashSet<>();
        for (String name : names) {
            words.addAll(wordsOfName(name));
        }
        return new BannedWords(words);
    }

    /** Bans each word whole, as an operator listed it. */
    public static BannedWords ofWords(Collection<String> operatorWords) {
        Set<String> words = new HashSet<>();
        for (String word : operatorWords) {
            String folded = fold(word.strip());
            if (isLongEnough(folded)) {
                words.add(folded);
            }
        }
        return new BannedWords(words);
    }

    /**
     * Reads an operator's file of banned words: UTF-8, one word per line, surrounding whitespace
     * removed. Blank lines and lines starting with {@code #} are skipped.
     *
     * @throws UncheckedIOException if the file cannot be read, with its path in the message
     */
    public static BannedWords readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the banned password words file " + file
                    + " named by " + FILE_VARIABLE + ": " + e.getMessage(), e);
        }
        List<String> words = new ArrayList<>();
        for (String line : lines) {
            String word = line.strip();
            if (!word.isEmpty() && !word.startsWith("#")) {
                words.add(word);
            }
        }
        return ofWords(words);
    }

    /** Reads the file that {@value #FILE_VARIABLE} names, or bans nothing when it is unset or empty. */
    public static BannedWords fromEnvironment(Map<String, String> environment) {
        String file = environment.get(FILE_VARIABLE);
        if (file == null || file.isBlank()) {
            return NONE;
        }
        return readFile(Path.of(file));
    }

    /** Returns a list with the words of both lists. */
    public BannedWords plus(BannedWords other) {
        Set<String> union = new HashSet<>(words);
        union.addAll(other.words);
        return new BannedWords(union);
    }

    /** Counts the distinct words, after folding and dropping short ones. */
    public int size() {
        return words.size();
    }

    /** Tells whether an NFKC-normalised, folded password contains any of the words. */
    boolean anyIn(String foldedPassword) {
        for (String word : words) {
            if (foldedPassword.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Splits a name into its words of at least the minimum length, plus the words joined. */
    static Set<String> wordsOfName(String name) {
        List<String> parts = Arrays.stream(NON_WORD_CHARACTERS.split(fold(name)))
                .filter(part -> !part.isEmpty())
                .toList();
        Set<String> words = new HashSet<>();
        for (String part : parts) {
            if (isLongEnough(part)) {
                words.add(part);
            }
        }
        String joined = String.join("", parts);
        if (parts.size() > 1 && isLongEnough(joined)) {
            words.add(joined);
        }
        return words;
    }

    private static boolean isLongEnough(String word) {
        return word.codePointCount(0, word.length()) >= MIN_WORD_LENGTH;
    }

    private static String fold(String text) {
        return Passwords.fold(Normalizer.normalize(text, Normalizer.Form.NFKC));
    }
}
