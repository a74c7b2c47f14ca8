package dev.sspr.core;

import java.time.Duration;

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
 */
public record VerificationLimits(
        int maxFailuresPerUser,
        Duration failureWindow,
        Duration lockDuration,
        int maxSendsPerUser,
        Duration sendWindow,
        int maxPushesPerUser,
        Duration pushWindow,
        Duration pushLifetime) {

    public static VerificationLimits defaults() {
        return new VerificationLimits(5, Duration.ofHours(24), Duration.ofHours(24), 5, Duration.ofHours(1), 3,
                Duration.ofMinutes(15), Duration.ofSeconds(60));
    }
}
