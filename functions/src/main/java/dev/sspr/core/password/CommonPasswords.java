package dev.sspr.core.password;

import com.nulabinc.zxcvbn.StandardDictionaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A list of commonly used passwords, which a new password must not be, compared after NFKC and
 * case folding.
 *
 * <p>{@link #variantOf} also catches a listed password behind common disguises: digits and
 * symbols added at either end, and digits or symbols in place of letters, as in {@code P@ssw0rd2024!}.
 *
 * <p>{@link #zxcvbn()} is the 30,000 most frequent passwords that zxcvbn4j 1.9.0 (MIT licence,
 * the Java port of Dropbox's zxcvbn) ships as its "passwords" frequency list. The list is read
 * once per JVM into a hash set, so a lookup costs one hash of the password.
 */
public final class CommonPasswords {
    /** Length of the shortest disguised core that is looked up. */
    static final int MIN_CORE_LENGTH = 5;

    private final Set<String> folded;

    private CommonPasswords(Set<String> folded) {
        this.folded = Set.copyOf(folded);
    }

    /** Returns zxcvbn4j's list of 30,000 common passwords, loaded on first use. */
    public static CommonPasswords zxcvbn() {
        return ZxcvbnList.INSTANCE;
    }

    /** Builds a list from the given passwords, folded the same way as candidates are. */
    public static CommonPasswords of(Collection<String> passwords) {
        Set<String> folded = new HashSet<>();
        for (String password : passwords) {
            folded.add(Passwords.fold(Normalizer.normalize(password, Normalizer.Form.NFKC)));
        }
        return new CommonPasswords(folded);
    }

    /** Counts the distinct passwords after folding. */
    public int size() {
        return folded.size();
    }

    /** Tells whether a password, already NFKC-normalised and folded, is on the list. */
    boolean containsFolded(String foldedPassword) {
        return folded.contains(foldedPassword);
    }

    /**
     * Returns the listed password that {@code foldedPassword} disguises, or null. The core is the
     * text between the first and the last letter once digits and symbols that stand for letters
     * are read as those letters. Cores under {@value #MIN_CORE_LENGTH} characters are not checked,
     * because short words with many added digits are not what the list is about.
     */
    String variantOf(String foldedPassword) {
        for (String readAsLetters : List.of(readAsLetters(foldedPassword, 'i'), readAsLetters(foldedPassword, 'l'))) {
            String core = lettersCore(readAsLetters);
            if (core.length() >= MIN_CORE_LENGTH && folded.contains(core)) {
                return core;
            }
        }
        return null;
    }

    /**
     * Replaces the digits and symbols people use for letters, reading the digit 1 as
     * {@code letterForOne}.
     * Digits and symbols at either end stay, because there they are usually added, not substituted.
     */
    private static String readAsLetters(String text, char letterForOne) {
        int first = 0;
        while (first < text.length() && !Character.isLetter(text.charAt(first))) {
            first++;
        }
        int last = text.length() - 1;
        while (last >= first && !Character.isLetter(text.charAt(last))) {
            last--;
        }
        StringBuilder read = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            read.append(i > first && i < last ? letterFor(c, letterForOne) : c);
        }
        return read.toString();
    }

    private static char letterFor(char c, char letterForOne) {
        return switch (c) {
            case '0' -> 'o';
            case '1' -> letterForOne;
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7', '+' -> 't';
            case '8' -> 'b';
            case '9' -> 'g';
            default -> c;
        };
    }

    /** Returns the text from its first letter to its last, or an empty string when it has none. */
    private static String lettersCore(String text) {
        int first = 0;
        while (first < text.length() && !Character.isLetter(text.charAt(first))) {
            first++;
        }
        int end = text.length();
        while (end > first && !Character.isLetter(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(first, end);
    }

    /** Loads the list when first used, so a JVM that never checks a password never reads it. */
    private static final class ZxcvbnList {
        static final CommonPasswords INSTANCE = load();

        private static CommonPasswords load() {
            try {
                return of(StandardDictionaries.PASSWORDS_LOADER.load().getFrequencies());
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to read zxcvbn4j's common password list from its jar", e);
            }
        }
    }
}
