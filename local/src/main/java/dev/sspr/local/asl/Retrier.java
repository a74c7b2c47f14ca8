package dev.sspr.local.asl;

import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * One element of a Task state's Retry array.
 *
 * @param errorEquals error names this retrier handles, including the wildcards
 *     States.ALL and States.TaskFailed
 * @param intervalSeconds wait before the first retry, 1 when absent
 * @param maxAttempts retries allowed for this retrier, 3 when absent, 0 to never retry
 * @param backoffRate factor applied to the wait after each retry, 2.0 when absent
 * @param maxDelaySeconds upper bound for the wait, or {@code null} for none
 * @param fullJitter whether JitterStrategy is FULL, which picks a random wait between zero
 *     and the computed one
 */
record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
        Integer maxDelaySeconds, boolean fullJitter) {

    static final int DEFAULT_INTERVAL_SECONDS = 1;
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final double DEFAULT_BACKOFF_RATE = 2.0;

    boolean handles(String error) {
        return errorEquals.stream().anyMatch(entry -> ErrorNames.matches(entry, error));
    }

    /**
     * Returns the wait before the next retry.
     *
     * @param retriesSoFar retries this retrier already made in the current state visit
     * @param random source of values in [0, 1) for FULL jitter
     */
    Duration delayBeforeRetry(int retriesSoFar, DoubleSupplier random) {
        double seconds = intervalSeconds * Math.pow(backoffRate, retriesSoFar);
        if (maxDelaySeconds != null) {
            seconds = Math.min(seconds, maxDelaySeconds);
        }
        if (fullJitter) {
            seconds = seconds * random.getAsDouble();
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
