package dev.sspr.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counters and locks behind the per-user and per-address limits. Each call is one atomic
 * conditional write, so parallel requests can never pass a limit together. A counter's window
 * starts with its first event and ends {@code window} later; the next event after that starts a
 * new window.
 */
public interface LimitStore {

    /** The result of {@link #tryAcquire}: whether the event was counted, and when the window ends. */
    record Admission(boolean allowed, int count, Instant windowEnds) {
    }

    /** Counts one event under {@code key} only if fewer than {@code limit} were counted in the window. */
    Admission tryAcquire(String key, int limit, Duration window, Instant now);

    /** Sets a lock under {@code key} until {@code until}, keeping a lock that already lasts longer. */
    void lock(String key, Instant until);

    /** Returns when the lock under {@code key} ends, if one is in force at {@code now}. */
    Optional<Instant> lockedUntil(String key, Instant now);

    /** Removes the lock and the failure count under the given keys, for an administrator. */
    void clear(String... keys);
}
