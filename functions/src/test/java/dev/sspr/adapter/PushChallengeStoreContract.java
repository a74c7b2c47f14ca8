package dev.sspr.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.PushChallenge;
import dev.sspr.core.PushChallenge.Status;
import dev.sspr.core.port.PushChallengeStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link PushChallengeStore} must have, run against each implementation by a
 * subclass. Each test uses its own ids and usernames, so a subclass may share one store.
 */
public abstract class PushChallengeStoreContract {
    protected static final Instant T0 = Instant.parse("2026-03-02T10:00:00.123456789Z");

    /** Returns the store under test. */
    protected abstract PushChallengeStore store();

    @Test
    void create_thenFindReturnsEveryField() {
        PushChallenge challenge = challenge("round-trip", "user-round-trip", T0);
        PushChallenge withoutAddress = new PushChallenge("round-trip-2", "reset-2", "user-round-trip", "digest-2",
                T0, T0.plusSeconds(60), Status.PENDING, null);

        store().create(challenge);
        store().create(withoutAddress);

        assertEquals(challenge, store().find("round-trip").orElseThrow());
        assertEquals(withoutAddress, store().find("round-trip-2").orElseThrow());
    }

    @Test
    void create_rejectsADuplicateId() {
        PushChallenge first = challenge("duplicate", "user-duplicate", T0);
        store().create(first);

        assertThrows(IllegalStateException.class,
                () -> store().create(challenge("duplicate", "user-other", T0.plusSeconds(5))));
        assertEquals(first, store().find("duplicate").orElseThrow(), "the first challenge must stay");
    }

    @Test
    void find_returnsEmptyForUnknownAndEmptyIds() {
        assertTrue(store().find("never-created").isEmpty());
        assertTrue(store().find("").isEmpty());
    }

    @Test
    void complete_movesAPendingChallengeOnce() {
        store().create(challenge("complete-once", "user-complete", T0));

        boolean first = store().complete("complete-once", Status.APPROVED);
        boolean second = store().complete("complete-once", Status.DENIED);

        assertTrue(first);
        assertFalse(second, "a challenge leaves PENDING only once");
        assertEquals(Status.APPROVED, store().find("complete-once").orElseThrow().status());
    }

    @Test
    void complete_keepsTheOtherFields() {
        PushChallenge challenge = challenge("complete-fields", "user-complete-fields", T0);
        store().create(challenge);

        store().complete("complete-fields", Status.WRONG_NUMBER);

        PushChallenge expected = new PushChallenge(challenge.id(), challenge.resetId(), challenge.username(),
                challenge.numberDigest(), challenge.createdAt(), challenge.expiresAt(), Status.WRONG_NUMBER,
                challenge.requestedFrom());
        assertEquals(expected, store().find("complete-fields").orElseThrow());
    }

    @Test
    void complete_returnsFalseForUnknownIds() {
        assertFalse(store().complete("never-created-either", Status.APPROVED));
        assertFalse(store().complete("", Status.APPROVED));
        assertTrue(store().find("never-created-either").isEmpty(), "completing must not create a challenge");
    }

    @Test
    void findOpen_listsPendingUnexpiredChallengesOldestFirst() {
        String user = "user-open";
        store().create(challenge("open-newer", user, T0.plusSeconds(20)));
        store().create(challenge("open-older", user, T0));
        store().create(challenge("open-answered", user, T0.plusSeconds(10)));
        store().complete("open-answered", Status.SUPERSEDED);
        store().create(challenge("open-expired", user, T0.minusSeconds(120)));
        store().create(challenge("open-other-user", "user-open-other", T0));

        List<PushChallenge> open = store().findOpen(user, T0.plusSeconds(30));

        assertEquals(List.of("open-older", "open-newer"), open.stream().map(PushChallenge::id).toList());
    }

    @Test
    void findOpen_endsExactlyAtExpiry() {
        PushChallenge challenge = challenge("open-edge", "user-open-edge", T0);
        store().create(challenge);

        List<PushChallenge> lastInstant = store().findOpen("user-open-edge", challenge.expiresAt().minusNanos(1));
        List<PushChallenge> atExpiry = store().findOpen("user-open-edge", challenge.expiresAt());

        assertEquals(List.of(challenge), lastInstant);
        assertEquals(List.of(), atExpiry);
    }

    @Test
    void findOpen_returnsEmptyForAUserWithoutChallenges() {
        assertEquals(List.of(), store().findOpen("user-without-challenges", T0));
    }

    /**
     * Releases 12 parallel complete calls on one challenge. At least one must succeed, and the stored
     * status must be the status of a call that returned true. The stores that promise an atomic
     * {@code complete} check in their own tests that exactly one succeeds.
     */
    @Test
    void parallelComplete_storesAWinnersStatus() throws Exception {
        store().create(challenge("parallel-complete", "user-parallel", T0));
        List<Status> statuses = List.of(Status.APPROVED, Status.DENIED, Status.WRONG_NUMBER);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> futures = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Status status = statuses.get(i % statuses.size());
            futures.add(pool.submit(() -> {
                start.await();
                return store().complete("parallel-complete", status);
            }));
        }
        start.countDown();
        List<Status> winners = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            if (futures.get(i).get(60, TimeUnit.SECONDS)) {
                winners.add(statuses.get(i % statuses.size()));
            }
        }
        pool.shutdown();

        assertFalse(winners.isEmpty(), "one parallel answer must succeed");
        assertTrue(winners.contains(store().find("parallel-complete").orElseThrow().status()), winners.toString());
        assertFalse(store().complete("parallel-complete", Status.APPROVED), "an answer after the burst");
    }

    /** Builds a pending challenge created at {@code createdAt} that expires 60 s later. */
    protected static PushChallenge challenge(String id, String username, Instant createdAt) {
        return new PushChallenge(id, "reset-" + id, username, "digest-" + id, createdAt, createdAt.plusSeconds(60),
                Status.PENDING, "198.51.100.7");
    }
}
