package dev.sspr.local.asl;

import java.util.regex.Pattern;

/**
 * Pattern of the Choice operator StringMatches. {@code *} matches any run of characters,
 * including none. {@code \*} stands for a literal asterisk and {@code \\} for a literal
 * backslash (written {@code \\*} and {@code \\\\} inside JSON strings).
 */
final class StringPattern {
    private final String text;
    private final Pattern regex;

    private StringPattern(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    /** Compiles the pattern, or throws naming {@code where} on a backslash that escapes nothing. */
    static StringPattern compile(String text, String where) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                if (next != '*' && next != '\\') {
                    throw new AslDefinitionException(where + ": StringMatches pattern '" + text
                            + "' has a backslash that is not followed by '*' or '\\'.");
                }
                literal.append(next);
                i++;
            } else if (c == '*') {
                appendLiteral(regex, literal);
                regex.append(".*");
            } else {
                literal.append(c);
            }
        }
        appendLiteral(regex, literal);
        return new StringPattern(text, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    private static void appendLiteral(StringBuilder regex, StringBuilder literal) {
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }

    boolean matches(String value) {
        return regex.matcher(value).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
