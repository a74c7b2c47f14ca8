package dev.sspr.local.asl;

import java.time.Duration;

/**
 * Waits for Wait states and retry intervals. Tests inject one that records the requested
 * durations instead of waiting.
 */
@FunctionalInterface
public interface Sleeper {
    /** Sleeper that blocks the calling thread for the requested duration. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
