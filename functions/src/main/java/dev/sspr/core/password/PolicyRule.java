package dev.sspr.core.password;

/**
 * A password rule as the password page lists it in its live checklist.
 *
 * @param id a stable id that clients and {@link PolicyViolation#rule()} use
 * @param text plain-English text for the checklist, such as "At least 14 characters"
 * @param limit the number in the rule for the length rules and the history depth, and null for
 *     the other rules
 */
public record PolicyRule(String id, String text, Integer limit) {
    public static final String MIN_LENGTH = "min_length";
    public static final String MAX_LENGTH = "max_length";
    public static final String UPPERCASE = "uppercase";
    public static final String LOWERCASE = "lowercase";
    public static final String DIGIT = "digit";
    public static final String SPECIAL = "special";
    public static final String CONTROL_CHARACTER = "control_character";
    public static final String COMMON_PASSWORD = "common_password";
    public static final String CONTEXT_WORD = "context_word";
    public static final String HISTORY = "history";
}
