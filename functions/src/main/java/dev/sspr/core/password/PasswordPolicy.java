package dev.sspr.core.password;

import dev.sspr.core.Secret;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules a new password must meet. Instances are immutable.
 *
 * <p>Every check runs on the NFKC form of the password (see {@link Passwords#normalise}), and
 * nothing is trimmed, so leading and trailing spaces count as characters.
 */
public final class PasswordPolicy {
    public static final int DEFAULT_MIN_LENGTH = 14;
    public static final int DEFAULT_MAX_LENGTH = 256;

    private static final String SPECIAL_RULE_TEXT = "At least one character that is not a letter "
            + "or a digit, such as a space, ! or an emoji";
    private static final String CONTROL_RULE_TEXT =
            "No control or invisible characters, such as tabs or line breaks";

    private final int minLength;
    private final int maxLength;

    /**
     * Creates a policy with the given length limits, counted in user-visible characters.
     *
     * @throws IllegalArgumentException if minLength is below 1 or maxLength is below minLength
     */
    public PasswordPolicy(int minLength, int maxLength) {
        if (minLength < 1) {
            throw new IllegalArgumentException("minLength must be at least 1, was " + minLength);
        }
        if (maxLength < minLength) {
            throw new IllegalArgumentException(
                    "maxLength must be at least minLength " + minLength + ", was " + maxLength);
        }
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** Returns the default policy: 14 to 256 characters. */
    public static PasswordPolicy standard() {
        return new PasswordPolicy(DEFAULT_MIN_LENGTH, DEFAULT_MAX_LENGTH);
    }

    public int minLength() {
        return minLength;
    }

    public int maxLength() {
        return maxLength;
    }

    /** Lists every rule in the order the password page shows them. */
    public List<PolicyRule> rules() {
        String minLengthText = "At least " + minLength + " characters";
        String maxLengthText = "At most " + maxLength + " characters";
        return List.of(
                new PolicyRule(PolicyRule.MIN_LENGTH, minLengthText, minLength),
                new PolicyRule(PolicyRule.MAX_LENGTH, maxLengthText, maxLength),
                new PolicyRule(PolicyRule.UPPERCASE, "At least one uppercase letter", null),
                new PolicyRule(PolicyRule.LOWERCASE, "At least one lowercase letter", null),
                new PolicyRule(PolicyRule.DIGIT, "At least one digit", null),
                new PolicyRule(PolicyRule.SPECIAL, SPECIAL_RULE_TEXT, null),
                new PolicyRule(PolicyRule.CONTROL_CHARACTER, CONTROL_RULE_TEXT, null));
    }

    /**
     * Checks the password against every rule and lists each rule it breaks, in the order of
     * {@link #rules()}. An empty list means the password is acceptable.
     *
     * <p>A null or empty password breaks the minimum length and all four character rules.
     */
    public List<PolicyViolation> check(Secret password) {
        String text = password == null ? "" : Passwords.normalise(password).reveal();
        List<PolicyViolation> violations = new ArrayList<>();
        addLengthViolations(Passwords.countGraphemeClusters(text), violations);
        addCharacterViolations(text, violations);
        return List.copyOf(violations);
    }

    private void addLengthViolations(int length, List<PolicyViolation> violations) {
        if (length == 0) {
            violations.add(new PolicyViolation(PolicyRule.MIN_LENGTH,
                    "Enter a password of at least " + minLength + " characters."));
        } else if (length < minLength) {
            violations.add(new PolicyViolation(PolicyRule.MIN_LENGTH, "Use at least " + minLength
                    + " characters. This password has " + length + "."));
        }
        if (length > maxLength) {
            violations.add(new PolicyViolation(PolicyRule.MAX_LENGTH, "Use at most " + maxLength
                    + " characters. This password has " + length + "."));
        }
    }

    private static void addCharacterViolations(String text, List<PolicyViolation> violations) {
        boolean hasUppercase = text.codePoints().anyMatch(CharacterClasses::isUppercase);
        boolean hasLowercase = text.codePoints().anyMatch(CharacterClasses::isLowercase);
        boolean hasDigit = text.codePoints().anyMatch(CharacterClasses::isDigit);
        boolean hasSpecial = text.codePoints().anyMatch(CharacterClasses::isSpecial);
        boolean hasRejected = text.codePoints().anyMatch(CharacterClasses::isRejected);
        if (!hasUppercase) {
            violations.add(new PolicyViolation(PolicyRule.UPPERCASE,
                    "Add an uppercase letter, such as A or É."));
        }
        if (!hasLowercase) {
            violations.add(new PolicyViolation(PolicyRule.LOWERCASE,
                    "Add a lowercase letter, such as a or é."));
        }
        if (!hasDigit) {
            violations.add(new PolicyViolation(PolicyRule.DIGIT, "Add a digit, such as 7."));
        }
        if (!hasSpecial) {
            violations.add(new PolicyViolation(PolicyRule.SPECIAL,
                    "Add a character that is not a letter or a digit, "
                            + "such as a space, ! or an emoji."));
        }
        if (hasRejected) {
            violations.add(new PolicyViolation(PolicyRule.CONTROL_CHARACTER,
                    "Remove control and invisible characters, such as tabs, line breaks "
                            + "or zero-width spaces."));
        }
    }
}
