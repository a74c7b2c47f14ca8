package dev.sspr.core;

import java.util.Locale;

/**
 * Turns what a person typed into the key the directory and the counters use. The result is the
 * same for {@code " CS0101@Example.GOV\t"} and {@code cs0101}.
 */
public final class Usernames {
    /** Longer input is not a username anyone has, and is rejected as a malformed request. */
    public static final int MAX_LENGTH = 256;

    private final String emailDomain;

    public Usernames(String emailDomain) {
        this.emailDomain = emailDomain.toLowerCase(Locale.ROOT);
    }

    /**
     * Normalises typed input: full-width forms mapped to ASCII (as East Asian keyboards type them),
     * Unicode whitespace trimmed at both ends, lower case, and the organisation's email domain
     * removed. Other compatibility forms, such as mathematical bold letters, are kept, so they
     * name no account. Input for another domain keeps its domain, and input with
     * whitespace or invisible characters inside keeps them, so neither matches any account.
     */
    public String normalise(String typed) {
        String folded = foldFullWidth(typed);
        String trimmed = trimUnicodeWhitespace(folded).toLowerCase(Locale.ROOT);
        int at = trimmed.lastIndexOf('@');
        if (at > 0 && trimmed.substring(at + 1).equals(emailDomain)) {
            return trimmed.substring(0, at);
        }
        return trimmed;
    }

    /** Tells whether a normalised username could be a directory key at all. */
    public static boolean isPlausible(String normalised) {
        if (normalised.isEmpty()) {
            return false;
        }
        return normalised.codePoints().noneMatch(Usernames::isSpaceOrInvisible);
    }

    /** Maps the full-width forms U+FF01 to U+FF5E and the ideographic space to their ASCII twins. */
    static String foldFullWidth(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            if (codePoint >= 0xFF01 && codePoint <= 0xFF5E) {
                folded.append((char) (codePoint - 0xFF01 + 0x21));
            } else if (codePoint == 0x3000) {
                folded.append(' ');
            } else {
                folded.appendCodePoint(codePoint);
            }
        });
        return folded.toString();
    }

    static String trimUnicodeWhitespace(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isUnicodeWhitespace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isUnicodeWhitespace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    /** Matches the Unicode White_Space property, which Character.isWhitespace alone does not cover. */
    static boolean isUnicodeWhitespace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || codePoint == 0x85;
    }

    private static boolean isSpaceOrInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return isUnicodeWhitespace(codePoint)
                || type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE
                || type == Character.SURROGATE;
    }
}
