package dev.sspr.core.password;

/**
 * A password rule that a password breaks.
 *
 * @param rule the rule id, one of the {@code PolicyRule} id constants such as {@code "min_length"}
 * @param message a sentence for the person choosing the password, saying what to change
 */
public record PolicyViolation(String rule, String message) {
}
