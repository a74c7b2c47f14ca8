package dev.sspr.core.password;

import dev.sspr.core.Secret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The rules a new password must meet. Instances are immutable.
 *
 * <p>Every check runs on the NFKC form of the password (see {@link Passwords#normalise}), and
 * nothing is trimmed, so leading and trailing spaces count as characters. The common-password and
 * context-word rules also fold case. The history rule needs the user's stored history, so
 * {@link PasswordHistory} checks it and this class only lists it.
 */
public final class PasswordPolicy {
    public static final int DEFAULT_MIN_LENGTH = 14;
    public static final int DEFAULT_MAX_LENGTH = 256;

    private static final String SPECIAL_RULE_TEXT = "At least one character that is not a letter "
            + "or a digit, such as a space, ! or an emoji";
    private static final String CONTROL_RULE_TEXT =
            "No control or invisible characters, such as tabs or line breaks";
    private static final String COMMON_RULE_TEXT = "Not a commonly used password";
    private static final String CONTEXT_RULE_TEXT = "No username, email name, or name of the "
            + "organisation or this service";

    private final int minLength;
    private final int maxLength;
    private final CommonPasswords commonPasswords;
    private final BannedWords bannedWords;

    /**
     * Creates a policy with the given length limits, counted in user-visible characters, the
     * zxcvbn4j list of common passwords and no banned words.
     *
     * @throws IllegalArgumentException if minLength is below 1 or maxLength is below minLength
     */
    public PasswordPolicy(int minLength, int maxLength) {
        this(minLength, maxLength, CommonPasswords.zxcvbn(), BannedWords.none());
    }

    /**
     * Creates a policy with the given length limits, list of common passwords and banned words
     * (the organisation's and product's names and the operator's words).
     *
     * @throws IllegalArgumentException if minLength is below 1 or maxLength is below minLength
     */
    public PasswordPolicy(int minLength, int maxLength, CommonPasswords commonPasswords, BannedWords bannedWords) {
        if (minLength < 1) {
            throw new IllegalArgumentException("minLength must be at least 1, was " + minLength);
        }
        if (maxLength < minLength) {
            throw new IllegalArgumentException(
                    "maxLength must be at least minLength " + minLength + ", was " + maxLength);
        }
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.commonPasswords = Objects.requireNonNull(commonPasswords, "commonPasswords");
        this.bannedWords = Objects.requireNonNull(bannedWords, "bannedWords");
    }

    /** Returns the default policy: 14 to 256 characters, common passwords rejected, no banned words. */
    public static PasswordPolicy standard() {
        return new PasswordPolicy(DEFAULT_MIN_LENGTH, DEFAULT_MAX_LENGTH);
    }

    public int minLength() {
        return minLength;
    }

    public int maxLength() {
        return maxLength;
    }

    /** Returns a copy of this policy that also rejects the given words. */
    public PasswordPolicy withBannedWords(BannedWords words) {
        return new PasswordPolicy(minLength, maxLength, commonPasswords, bannedWords.plus(words));
    }

    /** Lists every rule in the order the password page shows them. */
    public List<PolicyRule> rules() {
        String minLengthText = "At least " + minLength + " characters";
        String maxLengthText = "At most " + maxLength + " characters";
        String historyText = "Not one of your last " + PasswordHistory.DEPTH + " passwords";
        return List.of(
                new PolicyRule(PolicyRule.MIN_LENGTH, minLengthText, minLength),
                new PolicyRule(PolicyRule.MAX_LENGTH, maxLengthText, maxLength),
                new PolicyRule(PolicyRule.UPPERCASE, "At least one uppercase letter", null),
                new PolicyRule(PolicyRule.LOWERCASE, "At least one lowercase letter", null),
                new PolicyRule(PolicyRule.DIGIT, "At least one digit", null),
                new PolicyRule(PolicyRule.SPECIAL, SPECIAL_RULE_TEXT, null),
                new PolicyRule(PolicyRule.CONTROL_CHARACTER, CONTROL_RULE_TEXT, null),
                new PolicyRule(PolicyRule.COMMON_PASSWORD, COMMON_RULE_TEXT, null),
                new PolicyRule(PolicyRule.CONTEXT_WORD, CONTEXT_RULE_TEXT, null),
                new PolicyRule(PolicyRule.HISTORY, historyText, PasswordHistory.DEPTH));
    }

    /**
     * Checks the password against every rule but the history and lists each rule it breaks, in
     * the order of {@link #rules()}. An empty list means the password is acceptable.
     *
     * <p>A null or empty password breaks the minimum length and all four character rules.
     */
    public List<PolicyViolation> check(Secret password) {
        return check(password, List.of());
    }

    /**
     * Checks the password as {@link #check(Secret)} does, and also rejects the words of the
     * user's own names.
     *
     * @param userNames the username and the local part of the email address, split into words as
     *     {@link BannedWords#ofNames} describes
     */
    public List<PolicyViolation> check(Secret password, Collection<String> userNames) {
        String text = password == null ? "" : Passwords.normalise(password).reveal();
        List<PolicyViolation> violations = new ArrayList<>();
        addLengthViolations(Passwords.countGraphemeClusters(text), violations);
        addCharacterViolations(text, violations);
        addListViolations(Passwords.fold(text), userNames, violations);
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

    private void addListViolations(String folded, Collection<String> userNames, List<PolicyViolation> violations) {
        if (!folded.isEmpty() && commonPasswords.containsFolded(folded)) {
            violations.add(new PolicyViolation(PolicyRule.COMMON_PASSWORD,
                    "This password is on a list of commonly used passwords that attackers try first. "
                            + "Choose a less common one."));
        } else if (commonPasswords.variantOf(folded) != null) {
            violations.add(new PolicyViolation(PolicyRule.COMMON_PASSWORD,
                    "This password is a commonly used password with letters swapped for digits or symbols, "
                            + "or with digits and symbols added, which attackers also try. Choose a less common one."));
        }
        if (BannedWords.ofNames(userNames).anyIn(folded)) {
            violations.add(new PolicyViolation(PolicyRule.CONTEXT_WORD,
                    "Remove your username and the name part of your email address from the password."));
        } else if (bannedWords.anyIn(folded)) {
            violations.add(new PolicyViolation(PolicyRule.CONTEXT_WORD,
                    "Remove the name of the organisation or of this service, and other words it does "
                            + "not allow, from the password."));
        }
    }
}
