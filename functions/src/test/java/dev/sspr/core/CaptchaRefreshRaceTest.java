package dev.sspr.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.port.SessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Parallel requests for a new CAPTCHA picture of one reset. */
class CaptchaRefreshRaceTest {

    /** Starts 12 requests at once, request {@code i} made by {@code request}, and returns their statuses. */
    private static List<Integer> statusesOfParallel(IntFunction<ApiResponse> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ApiResponse>> replies = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int index = i;
                replies.add(pool.submit(() -> {
                    go.await();
                    return request.apply(index);
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<ApiResponse> reply : replies) {
                statuses.add(reply.get().status());
            }
            return statuses;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void refresh_parallel_okOrConflictOnly() throws Exception {
        TestCore test = new TestCore(true);
        CaptchaStep step = new CaptchaStep(test.core);
        String resetId = (String) step.start(TestCore.CONTEXT).body().get("resetId");

        List<Integer> statuses = statusesOfParallel(i -> step.refresh(resetId, TestCore.CONTEXT));

        assertTrue(statuses.stream().allMatch(status -> status == 200 || status == 409), statuses.toString());
        assertTrue(statuses.contains(200), statuses.toString());
    }

    @Test
    void identify_parallelWithRefreshAndCancel_neverFails() throws Exception {
        TestCore test = new TestCore(true);
        CaptchaStep captcha = new CaptchaStep(test.core);
        String resetId = (String) captcha.start(TestCore.CONTEXT).body().get("resetId");

        List<Integer> statuses = statusesOfParallel(i -> switch (i % 4) {
            case 0 -> captcha.refresh(resetId, TestCore.CONTEXT);
            case 1 -> new CancelStep(test.core).cancel(resetId, TestCore.CONTEXT);
            default -> new IdentifyStep(test.core).identify(resetId,
                    Map.of("username", "cs0101", "captcha", "WRONG1"), TestCore.CONTEXT);
        });

        assertTrue(statuses.stream().allMatch(status -> List.of(200, 400, 404, 409).contains(status)),
                statuses.toString());
    }

    @Test
    void sessionConflict_messageHasNoResetId() {
        TestCore test = new TestCore(true);
        String resetId = (String) new CaptchaStep(test.core).start(TestCore.CONTEXT).body().get("resetId");
        SessionStore sessions = test.sessions;
        ResetSession stale = sessions.find(resetId).orElseThrow();
        ResetSession current = sessions.find(resetId).orElseThrow();
        sessions.update(current);

        ConcurrentUpdateException error = assertThrows(ConcurrentUpdateException.class, () -> sessions.update(stale));

        assertFalse(error.getMessage().contains(resetId), error.getMessage());
        assertTrue(error.getMessage().contains(ResetIds.reference(resetId)), error.getMessage());
    }
}
