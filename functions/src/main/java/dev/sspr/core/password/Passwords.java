package dev.sspr.core.password;

import dev.sspr.core.Secret;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unicode handling shared by everything that sets, compares or checks a password.
 *
 * <p>Passwords are compared in NFKC form, so a password typed as full-width "Ｐａｓｓ" on one
 * keyboard and as ASCII "Pass" on another is the same password, and so is "é" typed as one
 * precomposed character or as "e" plus a combining accent.
 */
public final class Passwords {
    /** One extended grapheme cluster, which is what a reader sees as one character. */
    private static final Pattern GRAPHEME_CLUSTER = Pattern.compile("\\X");

    private Passwords() {
    }

    /**
     * Returns the NFKC normalisation of the password. The result is never trimmed.
     *
     * <p>NOTE: Java 17 normalises with Unicode 13 data. It leaves a code point that Unicode 13
     * does not assign unchanged, and a later JDK may normalise that code point differently, so a
     * password containing one could stop verifying after a JDK upgrade.
     */
    public static Secret normalise(Secret password) {
        Objects.requireNonNull(password, "password");
        return Secret.of(Normalizer.normalize(password.reveal(), Normalizer.Form.NFKC));
    }

    /**
     * Counts the user-visible characters of the password after NFKC normalisation.
     *
     * <p>A character is an extended grapheme cluster as Java 17's regex {@code \X} matches it
     * (Unicode 13 rules), so a flag, a ZWJ emoji sequence, an emoji with a skin-tone modifier
     * and a letter with combining accents each count as one.
     */
    public static int countCharacters(Secret password) {
        return countGraphemeClusters(normalise(password).reveal());
    }

    /** Counts the extended grapheme clusters of text that is already normalised. */
    static int countGraphemeClusters(String normalisedText) {
        Matcher matcher = GRAPHEME_CLUSTER.matcher(normalisedText);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /**
     * Folds normalised text for case-insensitive comparison: lower case by Unicode's default rules
     * (not a locale's), then NFKC again, because lower-casing can undo the normal form.
     */
    static String fold(String normalisedText) {
        return Normalizer.normalize(normalisedText.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    }

    /** Encodes strictly, because String.getBytes would turn an unpaired surrogate into '?'. */
    static Optional<byte[]> utf8(Secret text) {
        try {
            ByteBuffer buffer = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text.reveal()));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return Optional.of(bytes);
        } catch (CharacterCodingException unpairedSurrogate) {
            return Optional.empty();
        }
    }
}
