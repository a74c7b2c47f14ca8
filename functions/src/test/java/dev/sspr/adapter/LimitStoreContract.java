package dev.sspr.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.port.LimitStore;
import dev.sspr.core.port.LimitStore.Admission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link LimitStore} must have, run against each implementation by a subclass.
 * Each test uses its own keys, so a subclass may share one store between tests.
 */
public abstract class LimitStoreContract {
    /** A time with a fraction of a millisecond, so that rounding to milliseconds would show. */
    protected static final Instant T0 = Instant.parse("2026-03-02T10:00:00.123456789Z");
    protected static final Duration HOUR = Duration.ofHours(1);

    /** Returns the store under test. */
    protected abstract LimitStore store();

    @Test
    void tryCount_allowsUpToTheLimitThenRefuses() {
        Instant end = T0.plus(Duration.ofDays(1));
        List<Admission> admissions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            admissions.add(store().tryCount("budget-day-1", 3, end, T0.plusSeconds(i)));
        }

        assertEquals(new Admission(true, 1, end), admissions.get(0));
        assertEquals(new Admission(true, 3, end), admissions.get(2));
        assertEquals(new Admission(false, 3, end), admissions.get(3));
        assertEquals(new Admission(true, 1, end), store().tryCount("budget-day-2", 3, end, T0),
                "another key, such as the next day's, counts from zero");
    }

    @Test
    void tryAcquire_allowsUpToTheLimit() {
        List<Admission> admissions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            admissions.add(store().tryAcquire("up-to-limit", 3, HOUR, T0.plusSeconds(i)));
        }

        assertEquals(new Admission(true, 1, T0.plus(HOUR)), admissions.get(0));
        assertEquals(new Admission(true, 2, T0.plus(HOUR)), admissions.get(1));
        assertEquals(new Admission(true, 3, T0.plus(HOUR)), admissions.get(2));
        assertEquals(new Admission(false, 3, T0.plus(HOUR)), admissions.get(3));
    }

    @Test
    void tryAcquire_countsUntilWindowEnd() {
        store().tryAcquire("window-edge", 1, HOUR, T0);

        Admission lastInside = store().tryAcquire("window-edge", 1, HOUR, T0.plus(HOUR).minusNanos(1));
        Admission atEnd = store().tryAcquire("window-edge", 1, HOUR, T0.plus(HOUR));

        assertEquals(new Admission(false, 1, T0.plus(HOUR)), lastInside);
        assertEquals(new Admission(true, 1, T0.plus(HOUR).plus(HOUR)), atEnd);
    }

    @Test
    void tryAcquire_freesTheOldestSlotFirst() {
        Instant second = T0.plusSeconds(600);
        store().tryAcquire("oldest-first", 2, HOUR, T0);
        store().tryAcquire("oldest-first", 2, HOUR, second);

        Admission full = store().tryAcquire("oldest-first", 2, HOUR, T0.plusSeconds(1200));
        Admission afterOldest = store().tryAcquire("oldest-first", 2, HOUR, T0.plus(HOUR));
        Admission fullAgain = store().tryAcquire("oldest-first", 2, HOUR, T0.plus(HOUR).plusSeconds(1));

        assertEquals(new Admission(false, 2, T0.plus(HOUR)), full);
        assertEquals(new Admission(true, 2, second.plus(HOUR)), afterOldest);
        assertEquals(new Admission(false, 2, second.plus(HOUR)), fullAgain);
    }

    @Test
    void tryAcquire_doesNotCountDeniedEvents() {
        store().tryAcquire("denied-not-counted", 1, HOUR, T0);
        for (int minute = 1; minute < 60; minute += 10) {
            assertFalse(store().tryAcquire("denied-not-counted", 1, HOUR, T0.plusSeconds(60L * minute)).allowed());
        }

        Admission afterWindow = store().tryAcquire("denied-not-counted", 1, HOUR, T0.plus(HOUR));

        assertTrue(afterWindow.allowed(), "denied events must not extend the window");
        assertEquals(1, afterWindow.count());
    }

    @Test
    void tryAcquire_limitZeroDenies() {
        Admission admission = store().tryAcquire("limit-zero", 0, HOUR, T0);

        assertEquals(new Admission(false, 0, T0), admission);
    }

    @Test
    void tryAcquire_keepsKeysApart() {
        store().tryAcquire("apart-a", 1, HOUR, T0);

        Admission other = store().tryAcquire("apart-b", 1, HOUR, T0);

        assertEquals(new Admission(true, 1, T0.plus(HOUR)), other);
        assertFalse(store().tryAcquire("apart-a", 1, HOUR, T0).allowed());
    }

    @Test
    void lock_isInForceUntilExactlyItsEnd() {
        Instant until = T0.plus(Duration.ofMinutes(10));

        assertEquals(Optional.empty(), store().lockedUntil("lock-end", T0));
        store().lock("lock-end", until);

        assertEquals(Optional.of(until), store().lockedUntil("lock-end", T0));
        assertEquals(Optional.of(until), store().lockedUntil("lock-end", until.minusNanos(1)));
        assertEquals(Optional.empty(), store().lockedUntil("lock-end", until));
    }

    @Test
    void lock_onlyExtends() {
        Instant first = T0.plus(Duration.ofMinutes(10));
        Instant longer = T0.plus(Duration.ofMinutes(20));
        store().lock("lock-extend", first);

        store().lock("lock-extend", T0.plus(Duration.ofMinutes(5)));
        assertEquals(Optional.of(first), store().lockedUntil("lock-extend", T0), "a shorter lock must not shorten it");
        store().lock("lock-extend", first);
        assertEquals(Optional.of(first), store().lockedUntil("lock-extend", T0), "the same end keeps it");
        store().lock("lock-extend", longer);
        assertEquals(Optional.of(longer), store().lockedUntil("lock-extend", T0), "a longer lock extends it");
    }

    @Test
    void lockAndCounter_onOneKeyAreIndependent() {
        Instant until = T0.plus(Duration.ofMinutes(10));
        store().lock("shared-key", until);

        Admission counted = store().tryAcquire("shared-key", 2, HOUR, T0);
        store().tryAcquire("shared-key", 2, HOUR, T0.plusSeconds(1));

        assertEquals(new Admission(true, 1, T0.plus(HOUR)), counted);
        assertEquals(Optional.of(until), store().lockedUntil("shared-key", T0), "counting must keep the lock");
        store().lock("shared-key", until.plusSeconds(60));
        assertFalse(store().tryAcquire("shared-key", 2, HOUR, T0.plusSeconds(2)).allowed(),
                "locking must keep the count");
    }

    @Test
    void clear_removesOnlyGivenKeys() {
        Instant until = T0.plus(Duration.ofMinutes(10));
        store().lock("clear-lock", until);
        store().tryAcquire("clear-failures", 1, HOUR, T0);
        store().lock("clear-other", until);
        store().tryAcquire("clear-other", 1, HOUR, T0);

        store().clear("clear-lock", "clear-failures", "clear-never-used");

        assertEquals(Optional.empty(), store().lockedUntil("clear-lock", T0));
        assertEquals(new Admission(true, 1, T0.plusSeconds(1).plus(HOUR)),
                store().tryAcquire("clear-failures", 1, HOUR, T0.plusSeconds(1)));
        assertEquals(Optional.of(until), store().lockedUntil("clear-other", T0));
        assertFalse(store().tryAcquire("clear-other", 1, HOUR, T0.plusSeconds(1)).allowed());
    }

    @Test
    void clear_withoutKeysChangesNothing() {
        store().tryAcquire("clear-nothing", 1, HOUR, T0);

        store().clear();

        assertFalse(store().tryAcquire("clear-nothing", 1, HOUR, T0).allowed());
    }

    /**
     * Releases 12 threads on one key with a limit of 5, all at the same instant. Exactly 5 must be
     * allowed, each with a different count, and the window must then be full.
     */
    @Test
    void parallelTryAcquire_allowsExactlyTheLimit() throws Exception {
        int threads = 12;
        int limit = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Admission>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return store().tryAcquire("parallel", limit, HOUR, T0);
            }));
        }
        start.countDown();
        List<Admission> admissions = new ArrayList<>();
        for (Future<Admission> future : futures) {
            admissions.add(future.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        List<Integer> allowedCounts = admissions.stream()
                .filter(Admission::allowed)
                .map(Admission::count)
                .sorted()
                .toList();
        assertEquals(List.of(1, 2, 3, 4, 5), allowedCounts, admissions.toString());
        for (Admission admission : admissions) {
            if (!admission.allowed()) {
                assertEquals(limit, admission.count(), "a denied call sees a full window");
            }
        }
        assertEquals(new Admission(false, limit, T0.plus(HOUR)), store().tryAcquire("parallel", limit, HOUR, T0));
    }
}
