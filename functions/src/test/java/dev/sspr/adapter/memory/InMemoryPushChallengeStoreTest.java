package dev.sspr.adapter.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sspr.adapter.PushChallengeStoreContract;
import dev.sspr.core.PushChallenge.Status;
import dev.sspr.core.port.PushChallengeStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the push challenge store contract against the in-memory store. */
class InMemoryPushChallengeStoreTest extends PushChallengeStoreContract {
    private final InMemoryPushChallengeStore store = new InMemoryPushChallengeStore();

    @Override
    protected PushChallengeStore store() {
        return store;
    }

    @Test
    void parallelComplete_exactlyOneSucceeds() throws Exception {
        store.create(challenge("exactly-once", "user-exactly-once", T0));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> futures = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return store.complete("exactly-once", Status.APPROVED);
            }));
        }
        start.countDown();
        int successes = 0;
        for (Future<Boolean> future : futures) {
            successes += future.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();

        assertEquals(1, successes);
    }
}
