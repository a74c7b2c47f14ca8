package dev.sspr.core;

import dev.sspr.core.port.LimitStore;
import dev.sspr.core.port.LimitStore.Admission;
import dev.sspr.core.phone.PhoneNumbers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The per-user limits of the verification steps. Counters and locks are keyed by the normalised
 * username whether or not the account exists, so a lock reveals nothing about existence.
 */
public final class UserLimits {
    private final LimitStore store;
    private final VerificationLimits limits;

    UserLimits(LimitStore store, VerificationLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    Optional<Instant> lockedUntil(String username, Instant now) {
        return store.lockedUntil(lockKey(username), now);
    }

    /**
     * Counts a failed verification and locks the username when it reaches the limit. The count
     * is a conditional write, so of many parallel failures exactly the allowed number count.
     *
     * @return false when the failure came after the limit, so the caller responds with the lock
     */
    boolean recordFailure(String username, Instant now) {
        Admission failure = store.tryAcquire(failuresKey(username), limits.maxFailuresPerUser(),
                limits.failureWindow(), now);
        if (!failure.allowed() || failure.count() >= limits.maxFailuresPerUser()) {
            store.lock(lockKey(username), now.plus(limits.lockDuration()));
        }
        return failure.allowed();
    }

    /** Counts one SMS, voice or push send if the username has sends left in the window. */
    Admission trySend(String username, Instant now) {
        return store.tryAcquire("sends#" + username, limits.maxSendsPerUser(), limits.sendWindow(), now);
    }

    /**
     * Counts one SMS or voice send against the budget all users share for the UTC day, so a
     * flood of sends (SMS pumping) costs at most one day's budget.
     */
    Admission trySpendBudget(Instant now) {
        LocalDate day = now.atZone(ZoneOffset.UTC).toLocalDate();
        Instant nextDay = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return store.tryCount("send-budget#" + day, limits.dailySendBudget(), nextDay, now);
    }

    /** Tells whether codes may be sent to the region of this number. */
    boolean allowsDestination(String phoneE164) {
        return limits.allowedCountries().isEmpty()
                || limits.allowedCountries().contains(PhoneNumbers.regionOf(phoneE164));
    }

    /** Counts one push notification if the username has pushes left in the window. */
    Admission tryPush(String username, Instant now) {
        return store.tryAcquire("pushes#" + username, limits.maxPushesPerUser(), limits.pushWindow(), now);
    }

    /** Lifts the lock and clears the failure count, as an administrator's unlock does. */
    void unlock(String username) {
        store.clear(unlockKeys(username));
    }

    /** Returns the limit-store keys an administrator's unlock clears for a normalised username. */
    public static String[] unlockKeys(String username) {
        return new String[] {lockKey(username), failuresKey(username)};
    }

    private static String lockKey(String username) {
        return "lock#" + username;
    }

    private static String failuresKey(String username) {
        return "failures#" + username;
    }
}
