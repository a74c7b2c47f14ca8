package dev.sspr.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counters and locks behind the per-user and per-address limits. Each call is one atomic
 * conditional write, so parallel requests can never pass a limit together. Windows slide: an
 * event counts for exactly {@code window} after it happened.
 */
public interface LimitStore {

    /**
     * The result of {@link #tryAcquire}: whether the event was counted, how many events the window
     * now holds, and when the oldest of them leaves the window, which frees the next slot.
     */
    record Admission(boolean allowed, int count, Instant nextSlotAt) {
    }

    /** Counts one event under {@code key} only if fewer than {@code limit} happened in the last {@code window}. */
    Admission tryAcquire(String key, int limit, Duration window, Instant now);

    /**
     * Counts one event under {@code key} only if fewer than {@code limit} were counted, in a plain
     * counter that lasts until {@code expiresAt}. Suits large budgets over fixed periods, where
     * keeping every event's time would make one large, contended record.
     */
    Admission tryCount(String key, int limit, Instant expiresAt, Instant now);

    /** Sets a lock under {@code key} until {@code until}, keeping a lock that already lasts longer. */
    void lock(String key, Instant until);

    /** Returns when the lock under {@code key} ends, if one is in force at {@code now}. */
    Optional<Instant> lockedUntil(String key, Instant now);

    /** Removes the lock and the failure count under the given keys, for an administrator. */
    void clear(String... keys);
}
