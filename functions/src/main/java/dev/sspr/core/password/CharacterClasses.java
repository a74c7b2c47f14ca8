package dev.sspr.core.password;

/**
 * Classification of single code points for the password rules, using Java 17's Unicode 13 data.
 *
 * <p>A code point that falls in no class (a combining mark, or an allowed joiner) still counts
 * towards the length but satisfies no character rule.
 */
final class CharacterClasses {
    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;
    private static final int FIRST_TAG = 0xE0020;
    private static final int LAST_TAG = 0xE007F;

    private CharacterClasses() {
    }

    /** Returns whether the code point is an uppercase or titlecase letter, accented or not. */
    static boolean isUppercase(int codePoint) {
        return Character.isUpperCase(codePoint) || Character.isTitleCase(codePoint);
    }

    static boolean isLowercase(int codePoint) {
        return Character.isLowerCase(codePoint);
    }

    /** Returns whether the code point is a decimal digit (Unicode Nd) of any script. */
    static boolean isDigit(int codePoint) {
        return Character.getType(codePoint) == Character.DECIMAL_DIGIT_NUMBER;
    }

    /**
     * Returns whether the code point is a special character, which is any character that is
     * neither a letter nor a digit, such as a space, punctuation, a symbol or an emoji.
     *
     * <p>Combining marks are excluded because they belong to the letter before them, and
     * otherwise the vowel signs of a Hindi or Thai word would satisfy this rule. Format
     * characters and rejected characters are excluded because they are invisible.
     */
    static boolean isSpecial(int codePoint) {
        if (Character.isLetter(codePoint) || isDigit(codePoint) || isRejected(codePoint)) {
            return false;
        }
        int type = Character.getType(codePoint);
        return type != Character.NON_SPACING_MARK
                && type != Character.COMBINING_SPACING_MARK
                && type != Character.ENCLOSING_MARK
                && type != Character.FORMAT;
    }

    /**
     * Returns whether the code point is a control or invisible character that a password must
     * not contain, because a person could not see it or type it again.
     *
     * <p>Rejected are control characters (Cc, such as tab, line feed and DEL), line and
     * paragraph separators (Zl, Zp), unpaired surrogates (Cs, which UTF-8 cannot encode) and
     * format characters (Cf, such as zero-width space, soft hyphen, byte order mark and
     * bidirectional overrides). Keyboards type three kinds of format character as part of real
     * text, so those are allowed. The zero-width joiner builds emoji ZWJ sequences such as a
     * family, the zero-width non-joiner is part of Persian and Indic words, and the tag
     * characters U+E0020 to U+E007F build subdivision flags such as England's.
     */
    static boolean isRejected(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONTROL:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SURROGATE:
                return true;
            case Character.FORMAT:
                return !isAllowedFormatCharacter(codePoint);
            default:
                return false;
        }
    }

    private static boolean isAllowedFormatCharacter(int codePoint) {
        return codePoint == ZERO_WIDTH_NON_JOINER
                || codePoint == ZERO_WIDTH_JOINER
                || (codePoint >= FIRST_TAG && codePoint <= LAST_TAG);
    }
}
