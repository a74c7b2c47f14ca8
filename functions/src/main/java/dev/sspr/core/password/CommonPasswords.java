package dev.sspr.core.password;

import com.nulabinc.zxcvbn.StandardDictionaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * A list of commonly used passwords, which a new password must not be, compared after NFKC and
 * case folding.
 *
 * <p>{@link #zxcvbn()} is the 30,000 most frequent passwords that zxcvbn4j 1.9.0 (MIT licence,
 * the Java port of Dropbox's zxcvbn) ships as its "passwords" frequency list. The list is read
 * once per JVM into a hash set, so a lookup costs one hash of the password.
 */
public final class CommonPasswords {
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
