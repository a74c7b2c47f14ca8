package dev.sspr.core.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {
    /** Twelve characters: uppercase and lowercase letters, a digit and a special character. */
    private static final String TWELVE_VALID = "Abcdefghi1!x";

    private static final String FLAG_GERMANY = "\uD83C\uDDE9\uD83C\uDDEA";
    private static final String FLAG_ENGLAND =
            "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F";
    private static final String FAMILY_ZWJ_SEQUENCE =
            "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
    private static final String THUMBS_UP_MEDIUM_SKIN = "\uD83D\uDC4D\uD83C\uDFFD";
    private static final String X_WITH_ACUTE = "x\u0301";

    private final PasswordPolicy policy = PasswordPolicy.standard();

    private List<String> ruleIds(String password) {
        return ruleIds(policy.check(Secret.of(password)));
    }

    private static List<String> ruleIds(List<PolicyViolation> violations) {
        return violations.stream().map(PolicyViolation::rule).toList();
    }

    @Test
    void check_acceptsPasswordMeetingEveryRule() {
        assertEquals(List.of(), ruleIds("Correct-Horse-7-Battery"));
    }

    @Test
    void check_acceptsExactlyFourteenCharacters() {
        assertEquals(List.of(), ruleIds(TWELVE_VALID + "yz"));
    }

    @Test
    void check_rejectsThirteenCharactersWithCount() {
        List<PolicyViolation> violations = policy.check(Secret.of(TWELVE_VALID + "y"));

        assertEquals(List.of(PolicyRule.MIN_LENGTH), ruleIds(violations));
        assertEquals("Use at least 14 characters. This password has 13.", violations.get(0).message());
    }

    @Test
    void check_acceptsExactlyMaxLength() {
        assertEquals(List.of(), ruleIds(TWELVE_VALID + "y".repeat(244)));
    }

    @Test
    void check_rejectsOneCharacterOverMaxLength() {
        List<PolicyViolation> violations = policy.check(Secret.of(TWELVE_VALID + "y".repeat(245)));

        assertEquals(List.of(PolicyRule.MAX_LENGTH), ruleIds(violations));
        assertEquals("Use at most 256 characters. This password has 257.", violations.get(0).message());
    }

    @Test
    void check_countsFlagEmojiAsOneCharacter() {
        assertEquals(List.of(PolicyRule.MIN_LENGTH), ruleIds(TWELVE_VALID + FLAG_GERMANY));
        assertEquals(List.of(), ruleIds(TWELVE_VALID + FLAG_GERMANY + FLAG_GERMANY));
    }

    @Test
    void check_countsSubdivisionFlagAsOneAllowedCharacter() {
        assertEquals(List.of(PolicyRule.MIN_LENGTH), ruleIds(TWELVE_VALID + FLAG_ENGLAND));
    }

    @Test
    void check_countsZwjSequenceAsOneCharacter() {
        assertEquals(List.of(PolicyRule.MIN_LENGTH), ruleIds(TWELVE_VALID + FAMILY_ZWJ_SEQUENCE));
    }

    @Test
    void check_countsSkinToneEmojiAsOneCharacter() {
        assertEquals(List.of(PolicyRule.MIN_LENGTH), ruleIds(TWELVE_VALID + THUMBS_UP_MEDIUM_SKIN));
    }

    @Test
    void check_countsCombiningAccentWithItsLetter() {
        assertEquals(List.of(PolicyRule.MIN_LENGTH), ruleIds(TWELVE_VALID + X_WITH_ACUTE));
    }

    @Test
    void check_countsCharactersAfterNfkc() {
        // NFKC turns the ligature U+FB01 into the two letters "fi".
        assertEquals(List.of(), ruleIds(TWELVE_VALID + "\uFB01"));
    }

    @Test
    void check_rejectsMissingUppercase() {
        assertEquals(List.of(PolicyRule.UPPERCASE), ruleIds("correct-horse-7-battery"));
    }

    @Test
    void check_rejectsMissingLowercase() {
        assertEquals(List.of(PolicyRule.LOWERCASE), ruleIds("CORRECT-HORSE-7-BATTERY"));
    }

    @Test
    void check_rejectsMissingDigit() {
        assertEquals(List.of(PolicyRule.DIGIT), ruleIds("Correct-Horse-Battery"));
    }

    @Test
    void check_rejectsMissingSpecial() {
        assertEquals(List.of(PolicyRule.SPECIAL), ruleIds("CorrectHorse7Battery"));
    }

    @Test
    void check_countsSpaceAsSpecial() {
        assertEquals(List.of(), ruleIds("Correct Horse7Battery"));
    }

    @Test
    void check_countsEmojiAsSpecial() {
        assertEquals(List.of(), ruleIds("CorrectHorse7Battery" + THUMBS_UP_MEDIUM_SKIN));
    }

    @Test
    void check_countsAccentedCapitalAsUppercase() {
        assertEquals(List.of(), ruleIds("\u00C9cole-normale-7"));
    }

    @Test
    void check_countsDecomposedAccentedCapitalAsUppercase() {
        assertEquals(List.of(), ruleIds("\u00D6" + "ffentlich-7-dienst"));
        assertEquals(List.of(), ruleIds("O\u0308" + "ffentlich-7-dienst"));
    }

    @Test
    void check_countsTitlecaseLetterAsUppercase() {
        // U+1F88 is a titlecase letter (Lt) that NFKC keeps and Java does not call uppercase.
        int titlecase = 0x1F88;
        assertTrue(Character.isTitleCase(titlecase));
        assertFalse(Character.isUpperCase(titlecase));

        assertEquals(List.of(), ruleIds(Character.toString(titlecase) + "lpha-beta-gamma-7"));
    }

    @Test
    void check_countsCjkAsNeitherCaseNorSpecial() {
        String chinese = "\u5BC6\u7801\u5BC6\u7801\u5BC6\u7801";

        assertEquals(List.of(PolicyRule.UPPERCASE), ruleIds(chinese + chinese + "a1!"));
        assertEquals(List.of(PolicyRule.LOWERCASE), ruleIds(chinese + chinese + "A1!"));
        assertEquals(List.of(PolicyRule.SPECIAL), ruleIds(chinese + chinese + "Aa1"));
    }

    @Test
    void check_countsArabicAsCaselessLetters() {
        String arabic = "\u0643\u0644\u0645\u0629\u0627\u0644\u0633\u0631";

        assertEquals(List.of(PolicyRule.SPECIAL), ruleIds(arabic + "Aa1" + arabic));
    }

    @Test
    void check_doesNotCountCombiningMarksAsSpecial() {
        // The Hindi word contains a virama and a vowel sign, both combining marks (Mn).
        String namaste = "\u0928\u092E\u0938\u094D\u0924\u0947";

        assertEquals(List.of(PolicyRule.SPECIAL), ruleIds(namaste + "Aa1" + namaste + namaste));
    }

    @Test
    void check_countsNonAsciiDecimalDigit() {
        // U+0663 is ARABIC-INDIC DIGIT THREE (Nd), which NFKC leaves unchanged.
        assertEquals(List.of(), ruleIds("Correct-Horse-\u0663-Battery"));
    }

    @Test
    void check_countsFullWidthDigitAfterNfkc() {
        assertEquals(List.of(), ruleIds("Correct-Horse-\uFF17-Battery"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\t", "\n", "\r", "\u0000", "\u007F", "\u0085", "\u2028", "\u2029",
        "\u200B", "\u00AD", "\uFEFF", "\u202E", "\u2066", "\u2060", "\uD800"
    })
    void check_rejectsControlAndInvisibleCharacters(String character) {
        String password = "Correct-Horse" + character + "7-Battery";
        List<PolicyViolation> violations = policy.check(Secret.of(password));

        assertEquals(List.of(PolicyRule.CONTROL_CHARACTER), ruleIds(violations));
        assertTrue(violations.get(0).message().startsWith("Remove control and invisible characters"));
    }

    @Test
    void check_doesNotCountControlCharacterAsSpecial() {
        assertEquals(List.of(PolicyRule.SPECIAL, PolicyRule.CONTROL_CHARACTER),
                ruleIds("CorrectHorse\t7Battery"));
    }

    @Test
    void check_allowsZeroWidthNonJoiner() {
        // A Persian word that keyboards type with U+200C between its parts.
        String persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";

        assertEquals(List.of(), ruleIds(persian + " Aa1 " + persian));
    }

    @Test
    void check_doesNotCountJoinersAsSpecial() {
        assertEquals(List.of(PolicyRule.SPECIAL), ruleIds("CorrectHorse\u200C7\u200DBattery"));
    }

    @Test
    void check_doesNotTrimSpaces() {
        // Trimmed, this would be 12 characters with no special character.
        assertEquals(List.of(), ruleIds("  Abcdefghij1x"));
        assertEquals(List.of(), ruleIds("Abcdefghij1x  "));
    }

    @Test
    void check_listsEveryViolation() {
        assertEquals(List.of(PolicyRule.MIN_LENGTH, PolicyRule.UPPERCASE, PolicyRule.DIGIT,
                PolicyRule.SPECIAL, PolicyRule.CONTROL_CHARACTER), ruleIds("abc\t"));
    }

    @Test
    void check_reportsEmptyPasswordClearly() {
        List<PolicyViolation> violations = policy.check(Secret.of(""));

        assertEquals(List.of(PolicyRule.MIN_LENGTH, PolicyRule.UPPERCASE, PolicyRule.LOWERCASE,
                PolicyRule.DIGIT, PolicyRule.SPECIAL), ruleIds(violations));
        assertEquals("Enter a password of at least 14 characters.", violations.get(0).message());
    }

    @Test
    void check_treatsNullLikeEmpty() {
        assertEquals(policy.check(Secret.of("")), policy.check(null));
    }

    @Test
    void check_usesConfiguredLengths() {
        PasswordPolicy strict = new PasswordPolicy(20, 24);

        assertEquals(List.of(PolicyRule.MIN_LENGTH),
                ruleIds(strict.check(Secret.of(TWELVE_VALID + "yz"))));
        assertEquals(List.of(PolicyRule.MAX_LENGTH),
                ruleIds(strict.check(Secret.of(TWELVE_VALID + "y".repeat(13)))));
    }

    @Test
    void rules_listsEveryRuleInOrder() {
        List<PolicyRule> rules = policy.rules();

        assertEquals(List.of(PolicyRule.MIN_LENGTH, PolicyRule.MAX_LENGTH, PolicyRule.UPPERCASE,
                PolicyRule.LOWERCASE, PolicyRule.DIGIT, PolicyRule.SPECIAL, PolicyRule.CONTROL_CHARACTER,
                PolicyRule.COMMON_PASSWORD, PolicyRule.CONTEXT_WORD, PolicyRule.HISTORY),
                rules.stream().map(PolicyRule::id).toList());
        assertEquals("At least 14 characters", rules.get(0).text());
        assertEquals(14, rules.get(0).limit());
        assertEquals("At most 256 characters", rules.get(1).text());
        assertEquals(256, rules.get(1).limit());
        assertEquals("At least one uppercase letter", rules.get(2).text());
        assertNull(rules.get(2).limit());
        assertEquals("Not a commonly used password", rules.get(7).text());
        assertEquals("No username, email name, or name of the organisation or this service", rules.get(8).text());
        assertEquals("Not one of your last 24 passwords", rules.get(9).text());
        assertEquals(24, rules.get(9).limit());
    }

    @Test
    void check_rejectsCommonPasswordWithReason() {
        // "1qaz2wsx3edc4rfv" is on zxcvbn's list, and the other rules still list what it lacks.
        List<PolicyViolation> violations = policy.check(Secret.of("1Qaz2wsx3edc4rfv"));

        assertEquals(List.of(PolicyRule.SPECIAL, PolicyRule.COMMON_PASSWORD), ruleIds(violations));
        assertEquals("This password is on a list of commonly used passwords that attackers try first. "
                + "Choose a less common one.", violations.get(1).message());
    }

    @Test
    void check_disguisedCommonPassword_isRejected() {
        List<PolicyViolation> violations = PasswordPolicy.standard().check(Secret.of("P@ssw0rd-2026!!!"));

        assertEquals(List.of(PolicyRule.COMMON_PASSWORD), ruleIds(violations), violations.toString());
    }

    @Test
    void check_commonPasswordWithAddedDigits_isRejected() {
        List<PolicyViolation> violations = PasswordPolicy.standard().check(Secret.of("Sunshine2026!!!!"));

        assertEquals(List.of(PolicyRule.COMMON_PASSWORD), ruleIds(violations));
        assertTrue(violations.get(0).message().contains("digits or symbols"), violations.get(0).message());
    }

    @Test
    void check_matchesCommonPasswordsAfterNfkcAndCaseFolding() {
        PasswordPolicy listed = new PasswordPolicy(14, 256,
                CommonPasswords.of(List.of("Correct-Horse-7-Battery")), BannedWords.none());

        assertEquals(List.of(PolicyRule.COMMON_PASSWORD), ruleIds(listed.check(Secret.of("cORRECT-hORSE-7-bATTERY"))));
        // Full-width letters and digit, which NFKC maps to ASCII.
        String fullWidth = "\uFF23orrect-\uFF28orse-\uFF17-\uFF22attery";
        assertEquals(List.of(PolicyRule.COMMON_PASSWORD), ruleIds(listed.check(Secret.of(fullWidth))));
        assertEquals(List.of(), ruleIds(listed.check(Secret.of("Correct-Horse-7-Battery!"))));
    }

    @Test
    void check_rejectsUserNamesAsSubstrings() {
        List<PolicyViolation> violations = policy.check(Secret.of("My-CS0101-Horse-7"), List.of("cs0101", "jane.doe"));

        assertEquals(List.of(PolicyRule.CONTEXT_WORD), ruleIds(violations));
        assertEquals("Remove your username and the name part of your email address from the password.",
                violations.get(0).message());
        assertEquals(List.of(PolicyRule.CONTEXT_WORD),
                ruleIds(policy.check(Secret.of("Horse-JaneDoe-7-Battery"), List.of("cs0101", "jane.doe"))));
        assertEquals(List.of(PolicyRule.CONTEXT_WORD),
                ruleIds(policy.check(Secret.of("Horse-Jane-7-Battery"), List.of("cs0101", "jane.doe"))));
    }

    @Test
    void check_ignoresUserWordsShorterThanFour() {
        // "doe" and "abc" are too short to be matched, and "abcd" is exactly long enough.
        assertEquals(List.of(), ruleIds(policy.check(Secret.of("Doe-Abc-Horse-7-Battery"), List.of("abc", "jo.doe"))));
        assertEquals(List.of(PolicyRule.CONTEXT_WORD),
                ruleIds(policy.check(Secret.of("Abcd-Horse-7-Battery"), List.of("abcd"))));
    }

    @Test
    void check_rejectsBannedNamesWithReason() {
        PasswordPolicy banned = policy.withBannedWords(BannedWords.ofNames(List.of("Example Agency")));

        List<PolicyViolation> violations = banned.check(Secret.of("ExampleAgency-2026!"));
        assertEquals(List.of(PolicyRule.CONTEXT_WORD), ruleIds(violations));
        assertEquals("Remove the name of the organisation or of this service, and other words it does not "
                + "allow, from the password.", violations.get(0).message());
        assertEquals(List.of(PolicyRule.CONTEXT_WORD), ruleIds(banned.check(Secret.of("Our-AGENCY-is-great-7"))));
        assertEquals(List.of(), ruleIds(banned.check(Secret.of("Correct-Horse-7-Battery"))));
    }

    @Test
    void check_listsCommonAndContextWithOtherRules() {
        assertEquals(List.of(PolicyRule.MIN_LENGTH, PolicyRule.UPPERCASE, PolicyRule.DIGIT, PolicyRule.SPECIAL,
                PolicyRule.COMMON_PASSWORD, PolicyRule.CONTEXT_WORD),
                ruleIds(policy.check(Secret.of("password"), List.of("password"))));
    }

    @Test
    void rules_showConfiguredLengths() {
        List<PolicyRule> rules = new PasswordPolicy(16, 64).rules();

        assertEquals("At least 16 characters", rules.get(0).text());
        assertEquals(16, rules.get(0).limit());
        assertEquals("At most 64 characters", rules.get(1).text());
        assertEquals(64, rules.get(1).limit());
    }

    @Test
    void constructor_rejectsMinLengthBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordPolicy(0, 10));
    }

    @Test
    void constructor_rejectsMaxLengthBelowMinLength() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordPolicy(14, 13));
    }
}
