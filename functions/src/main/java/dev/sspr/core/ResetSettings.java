package dev.sspr.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The tunable numbers and texts of the reset flow. {@link #defaults} gives the values the product
 * ships with; a deployment changes them through environment variables.
 *
 * @param emailDomain the domain of account emails, so {@code cs0101@example.gov} means {@code cs0101}
 * @param sessionLifetime how long a reset lives from its start
 * @param captchaLifetime how long one CAPTCHA picture is accepted
 * @param codeLifetime how long an SMS or voice code is accepted
 * @param resendWait how long after a send the next send for the same method is allowed
 * @param maxCodeFailures wrong entries after which a method's code stops working for the reset
 * @param passwordMinAge the least time between two password changes
 * @param requireDistinctAuthenticators whether the two methods must use different authenticators
 * @param support who to contact, shown to people who cannot finish on their own
 * @param organisationName the name used in the password-changed notice
 * @param limits the per-user limits on failures and sends
 * @param captcha which CAPTCHA guards the identify step
 */
public record ResetSettings(
        String emailDomain,
        Duration sessionLifetime,
        Duration captchaLifetime,
        Duration codeLifetime,
        Duration resendWait,
        int maxCodeFailures,
        Duration passwordMinAge,
        boolean requireDistinctAuthenticators,
        SupportContact support,
        String organisationName,
        VerificationLimits limits,
        CaptchaSettings captcha) {

    public ResetSettings {
        Objects.requireNonNull(emailDomain, "emailDomain");
        Objects.requireNonNull(support, "support");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(captcha, "captcha");
        if (maxCodeFailures < 1) {
            throw new IllegalArgumentException("maxCodeFailures must be at least 1, was " + maxCodeFailures);
        }
    }

    public static ResetSettings defaults(String emailDomain, SupportContact support) {
        return new ResetSettings(emailDomain, Duration.ofMinutes(15), Duration.ofMinutes(5),
                Duration.ofMinutes(5), Duration.ofSeconds(60), 3, Duration.ofHours(24), true, support,
                "the organisation", VerificationLimits.defaults(), CaptchaSettings.builtIn());
    }

    public ResetSettings withRequireDistinctAuthenticators(boolean required) {
        return new ResetSettings(emailDomain, sessionLifetime, captchaLifetime, codeLifetime, resendWait,
                maxCodeFailures, passwordMinAge, required, support, organisationName, limits, captcha);
    }

    public ResetSettings withLimits(VerificationLimits newLimits) {
        return new ResetSettings(emailDomain, sessionLifetime, captchaLifetime, codeLifetime, resendWait,
                maxCodeFailures, passwordMinAge, requireDistinctAuthenticators, support, organisationName, newLimits,
                captcha);
    }

    public ResetSettings withOrganisationName(String name) {
        return new ResetSettings(emailDomain, sessionLifetime, captchaLifetime, codeLifetime, resendWait,
                maxCodeFailures, passwordMinAge, requireDistinctAuthenticators, support, name, limits, captcha);
    }

    public ResetSettings withCaptcha(CaptchaSettings newCaptcha) {
        return new ResetSettings(emailDomain, sessionLifetime, captchaLifetime, codeLifetime, resendWait,
                maxCodeFailures, passwordMinAge, requireDistinctAuthenticators, support, organisationName, limits,
                newCaptcha);
    }
}
