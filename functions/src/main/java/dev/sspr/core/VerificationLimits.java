package dev.sspr.core;

import java.time.Duration;
import java.util.Set;

/**
 * The numbers that keep an attacker from wearing the verification methods down.
 *
 * @param maxFailuresPerUser failed verifications of one username, across all resets and methods,
 *     that lock self-service reset for it
 * @param failureWindow the window those failures are counted in
 * @param lockDuration how long the lock lasts
 * @param maxSendsPerUser SMS, voice and push sends allowed per username in {@code sendWindow}
 * @param sendWindow the window for {@code maxSendsPerUser}
 * @param maxPushesPerUser push notifications allowed per username in {@code pushWindow}
 * @param pushWindow the window for {@code maxPushesPerUser}
 * @param pushLifetime how long a push challenge can be approved
 * @param maxResetsPerAddress new resets allowed from one source address in {@code resetWindow}
 * @param resetWindow the window for {@code maxResetsPerAddress}
 * @param dailySendBudget SMS and voice sends allowed for all users together per UTC day; sends
 *     stop for everyone when it is spent
 * @param allowedCountries ISO 3166 region codes (such as {@code US}) that codes may be sent to;
 *     empty allows every region of a registered number
 */
public record VerificationLimits(
        int maxFailuresPerUser,
        Duration failureWindow,
        Duration lockDuration,
        int maxSendsPerUser,
        Duration sendWindow,
        int maxPushesPerUser,
        Duration pushWindow,
        Duration pushLifetime,
        int maxResetsPerAddress,
        Duration resetWindow,
        int dailySendBudget,
        Set<String> allowedCountries) {

    public VerificationLimits {
        allowedCountries = Set.copyOf(allowedCountries);
    }

    public static VerificationLimits defaults() {
        return new VerificationLimits(5, Duration.ofHours(24), Duration.ofHours(24), 5, Duration.ofHours(1), 3,
                Duration.ofMinutes(15), Duration.ofSeconds(60), 20, Duration.ofMinutes(15), 1000, Set.of());
    }

    /** Returns these limits with another daily SMS and voice budget. */
    public VerificationLimits withDailySendBudget(int budget) {
        return new VerificationLimits(maxFailuresPerUser, failureWindow, lockDuration, maxSendsPerUser, sendWindow,
                maxPushesPerUser, pushWindow, pushLifetime, maxResetsPerAddress, resetWindow, budget,
                allowedCountries);
    }

    /** Returns these limits with another set of destination countries. */
    public VerificationLimits withAllowedCountries(Set<String> countries) {
        return new VerificationLimits(maxFailuresPerUser, failureWindow, lockDuration, maxSendsPerUser, sendWindow,
                maxPushesPerUser, pushWindow, pushLifetime, maxResetsPerAddress, resetWindow, dailySendBudget,
                countries);
    }

    /** Returns these limits with another number of new resets per source address. */
    public VerificationLimits withMaxResetsPerAddress(int resets) {
        return new VerificationLimits(maxFailuresPerUser, failureWindow, lockDuration, maxSendsPerUser, sendWindow,
                maxPushesPerUser, pushWindow, pushLifetime, resets, resetWindow, dailySendBudget, allowedCountries);
    }
}
