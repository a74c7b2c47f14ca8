package dev.sspr.adapter.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sspr.core.ConcurrentUpdateException;
import dev.sspr.core.ResetSession;
import dev.sspr.core.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemorySessionStoreTest {
    private final InMemorySessionStore store = new InMemorySessionStore();

    @Test
    void update_rejectsAStaleVersion() {
        store.create(session("id-1"));
        ResetSession first = store.find("id-1").orElseThrow();
        ResetSession second = store.find("id-1").orElseThrow();

        first.setStage(Stage.VERIFY_1);
        store.update(first);
        second.setStage(Stage.DONE);

        assertThrows(ConcurrentUpdateException.class, () -> store.update(second));
        assertEquals(Stage.VERIFY_1, store.find("id-1").orElseThrow().stage());
    }

    @Test
    void create_rejectsADuplicateId() {
        store.create(session("id-2"));
        assertThrows(ConcurrentUpdateException.class, () -> store.create(session("id-2")));
    }

    @Test
    void find_returnsACopy() {
        store.create(session("id-3"));
        store.find("id-3").orElseThrow().setStage(Stage.DONE);
        assertEquals(Stage.CAPTCHA, store.find("id-3").orElseThrow().stage());
    }

    @Test
    void parallelUpdates_exactlyOneWins() throws Exception {
        store.create(session("id-4"));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            ResetSession copy = store.find("id-4").orElseThrow();
            results.add(pool.submit(() -> {
                start.await();
                copy.setStage(Stage.VERIFY_1);
                try {
                    store.update(copy);
                    return true;
                } catch (ConcurrentUpdateException e) {
                    return false;
                }
            }));
        }
        start.countDown();
        int wins = 0;
        for (Future<Boolean> result : results) {
            wins += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();

        assertEquals(1, wins);
        assertEquals(2, store.find("id-4").orElseThrow().version());
    }

    @Test
    void cancelOpenResets_cancelsOnlyTheUsersOpenResets() {
        Instant now = Instant.parse("2026-01-01T00:05:00Z");
        store.create(identified("keep-own", "cs0101", Stage.NEW_PASSWORD));
        store.create(identified("open-1", "cs0101", Stage.VERIFY_1));
        store.create(identified("open-2", "cs0101", Stage.NEW_PASSWORD));
        store.create(identified("done", "cs0101", Stage.DONE));
        store.create(identified("other-user", "cs0102", Stage.VERIFY_2));
        store.create(session("not-identified"));
        ResetSession expired = new ResetSession("expired", now.minusSeconds(900), now, "127.0.0.1");
        expired.setIdentity("cs0101", true, List.of());
        expired.setStage(Stage.VERIFY_1);
        store.create(expired);

        int cancelled = store.cancelOpenResets("cs0101", "keep-own", now);

        assertEquals(2, cancelled);
        assertEquals(Stage.CANCELLED, store.find("open-1").orElseThrow().stage());
        assertEquals(Stage.CANCELLED, store.find("open-2").orElseThrow().stage());
        assertEquals(Stage.NEW_PASSWORD, store.find("keep-own").orElseThrow().stage());
        assertEquals(Stage.DONE, store.find("done").orElseThrow().stage());
        assertEquals(Stage.VERIFY_2, store.find("other-user").orElseThrow().stage());
        assertEquals(Stage.CAPTCHA, store.find("not-identified").orElseThrow().stage());
        assertEquals(Stage.VERIFY_1, store.find("expired").orElseThrow().stage());
    }

    @Test
    void cancelOpenResets_makesEarlierReadsStale() {
        store.create(identified("open", "cs0101", Stage.VERIFY_1));
        ResetSession readBefore = store.find("open").orElseThrow();

        store.cancelOpenResets("cs0101", "another", Instant.parse("2026-01-01T00:05:00Z"));
        readBefore.setStage(Stage.VERIFY_2);

        assertThrows(ConcurrentUpdateException.class, () -> store.update(readBefore));
        assertEquals(2, store.find("open").orElseThrow().version());
        assertEquals(Stage.CANCELLED, store.find("open").orElseThrow().stage());
    }

    @Test
    void cancelOpenResets_returnsZeroWhenNoneOpen() {
        store.create(identified("done", "cs0101", Stage.DONE));

        assertEquals(0, store.cancelOpenResets("cs0101", "another", Instant.parse("2026-01-01T00:05:00Z")));
    }

    private static ResetSession identified(String id, String username, Stage stage) {
        ResetSession session = session(id);
        session.setIdentity(username, true, List.of());
        session.setStage(stage);
        return session;
    }

    private static ResetSession session(String id) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new ResetSession(id, now, now.plusSeconds(900), "127.0.0.1");
    }
}
