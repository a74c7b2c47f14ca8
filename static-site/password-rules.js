// Client-side checks for the password rules returned by GET /v1/password-policy.
//
// The server decides. These checks only drive the live checklist, so they mirror the server's
// PasswordPolicy and CharacterClasses (functions/src/main/java/dev/sspr/core/password/). The
// password is normalised with Unicode NFKC first. The length rules then count user-visible
// characters (extended grapheme clusters, UAX #29). The character classes test Unicode
// properties per code point.
// NOTE: the browser uses its own Unicode version and the server uses Java 17's Unicode 13 data.
// For characters assigned after Unicode 13 (some new emoji and letters), the checklist can
// disagree with the server.

const graphemeSegmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Counts the user-visible characters of a password after NFKC normalisation. */
export function countCharacters(password) {
  let count = 0;
  for (const segment of graphemeSegmenter.segment(password.normalize('NFKC'))) {
    if (segment.segment) {
      count += 1;
    }
  }
  return count;
}

// Uppercase includes titlecase letters such as U+01C5, as Java's isUpperCase || isTitleCase.
const UPPERCASE = /[\p{Uppercase}\p{Lt}]/u;
const LOWERCASE = /\p{Lowercase}/u;
const DECIMAL_DIGIT = /\p{Nd}/u;

// Rejected: control characters, line and paragraph separators, lone surrogates, and format
// characters except the zero-width non-joiner, the zero-width joiner and the emoji tag
// characters, which keyboards and emoji sequences use in real text.
const REJECTED = /[\p{Cc}\p{Zl}\p{Zp}\p{Cs}]|(?![\u200C\u200D\u{E0020}-\u{E007F}])\p{Cf}/u;

// Special: neither a letter nor a decimal digit. Combining marks belong to the letter before
// them, and format and rejected characters are invisible, so none of those count.
const SPECIAL = /[^\p{L}\p{Nd}\p{M}\p{Cf}\p{Cc}\p{Zl}\p{Zp}\p{Cs}]/u;

/**
 * Checks for each rule code, given the NFKC-normalised password, its character count, the rule
 * object and the whole policy. Rules missing here (for example `history`) can only be checked by
 * the server.
 */
const CHECKS = {
  min_length: (normalized, count, rule, policy) => count >= (rule.value ?? policy.minLength),
  max_length: (normalized, count, rule, policy) => count <= (rule.value ?? policy.maxLength),
  uppercase: (normalized) => UPPERCASE.test(normalized),
  lowercase: (normalized) => LOWERCASE.test(normalized),
  digit: (normalized) => DECIMAL_DIGIT.test(normalized),
  special: (normalized) => SPECIAL.test(normalized),
  control_character: (normalized) => !REJECTED.test(normalized),
};

/**
 * Evaluates every rule of the policy against a password. Returns one entry per rule:
 * {rule, text, met}, where `met` is true, false, or null for a rule only the server can check.
 */
export function evaluatePassword(password, policy) {
  const normalized = password.normalize('NFKC');
  const count = countCharacters(password);
  return (policy.rules || []).map((rule) => {
    const check = CHECKS[rule.rule];
    return {
      rule: rule.rule,
      text: rule.text,
      met: check ? check(normalized, count, rule, policy) : null,
    };
  });
}
