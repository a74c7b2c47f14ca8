// Client-side checks for the password rules returned by GET /v1/password-policy.
//
// The server decides. These checks only drive the live checklist, so they must count the way the
// server does. The password is normalised with Unicode NFKC first. The length rules then count
// user-visible characters (extended grapheme clusters, UAX #29). The character classes test
// Unicode properties per code point. A special character is any code point that is neither a
// letter (\p{L}) nor a decimal digit (\p{Nd}), so a space counts. Letters without case count
// as neither upper nor lower case.
// NOTE: Intl.Segmenter follows the browser's Unicode version, so length counts for very new
// emoji sequences can differ by one from a server on an older Unicode version.

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

const UPPERCASE = /\p{Uppercase}/u;
const LOWERCASE = /\p{Lowercase}/u;
const DECIMAL_DIGIT = /\p{Nd}/u;
const SPECIAL = /[^\p{L}\p{Nd}]/u;
const CONTROL = /\p{Cc}/u;

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
  control_character: (normalized) => !CONTROL.test(normalized),
};

/** Reports whether the page can check a rule code itself. */
export function isCheckable(ruleCode) {
  return Object.hasOwn(CHECKS, ruleCode);
}

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
