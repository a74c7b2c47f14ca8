package dev.sspr.core;

import static dev.sspr.core.TestCore.CONTEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.totp.Base32;
import dev.sspr.core.totp.TotpVerifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PasswordStepTest {
    private static final String NEW_PASSWORD = "Correct-Horse-Battery-42!";

    @Test
    void parallelRequests_exactlyOneChangesThePassword() throws Exception {
        TestCore test = new TestCore(true);
        String resetId = verifiedReset(test);
        PasswordStep step = new PasswordStep(test.core);
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiResponse>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String password = NEW_PASSWORD + i;
            results.add(pool.submit(() -> {
                start.await();
                return step.setPassword(resetId, Map.of("newPassword", password, "confirmPassword", password),
                        CONTEXT);
            }));
        }
        start.countDown();
        int successes = 0;
        for (Future<ApiResponse> result : results) {
            ApiResponse reply = result.get(30, TimeUnit.SECONDS);
            if (reply.status() == 200) {
                successes++;
            } else {
                assertEquals("step_not_allowed", reply.body().get("error"));
            }
        }
        pool.shutdown();

        assertEquals(1, successes);
        assertEquals(2, test.users.find("cs0101").orElseThrow().version() - 1);
    }

    @Test
    void policyViolations_areAllListed() {
        TestCore test = new TestCore(true);
        ApiResponse reply = new PasswordStep(test.core).setPassword(verifiedReset(test),
                Map.of("newPassword", "short", "confirmPassword", "other"), CONTEXT);

        assertEquals(422, reply.status());
        assertEquals("password_policy", reply.body().get("error"));
        List<String> rules = rules(reply);
        assertTrue(rules.containsAll(List.of("min_length", "uppercase", "digit", "special", "confirmation_mismatch")),
                rules.toString());
    }

    @Test
    void changeWithinADay_isRefusedWithRetryAfter() {
        TestCore test = new TestCore(true);
        String first = verifiedReset(test);
        assertEquals(200, new PasswordStep(test.core).setPassword(first,
                Map.of("newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD), CONTEXT).status());
        String changedAt = test.clock.instant().toString();

        test.clock.advance(Duration.ofHours(23));
        String second = verifiedReset(test);
        ApiResponse reply = new PasswordStep(test.core).setPassword(second,
                Map.of("newPassword", NEW_PASSWORD + "x", "confirmPassword", NEW_PASSWORD + "x"), CONTEXT);

        assertEquals(409, reply.status());
        assertEquals("password_min_age", reply.body().get("error"));
        assertEquals(Flow.iso(java.time.Instant.parse(changedAt).plus(Duration.ofHours(24))),
                reply.body().get("retryAfter"));
    }

    @Test
    void success_sendsTheChangeNoticeAndAudits() {
        TestCore test = new TestCore(true);
        ApiResponse reply = new PasswordStep(test.core).setPassword(verifiedReset(test),
                Map.of("newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD), CONTEXT);

        assertEquals(200, reply.status());
        String[] notice = test.messages.get(test.messages.size() - 1);
        assertEquals("+12055550133", notice[1]);
        assertTrue(notice[2].contains("password was changed at 2026-03-02 10:00 UTC"), notice[2]);
        assertTrue(test.audit.events().stream().anyMatch(event -> event.step().equals("password")
                && event.outcome().equals("success") && "cs0101".equals(event.username())));
    }

    /** Takes cs0101 through SMS and TOTP; returns a reset at NEW_PASSWORD. */
    private static String verifiedReset(TestCore test) {
        VerificationStep step = new VerificationStep(test.core);
        String resetId = test.identified("cs0101");
        step.challenge(resetId, Map.of("method", "sms", "phoneNumber", "2055550133"), CONTEXT);
        assertEquals(200, step.verify(resetId, Map.of("method", "sms", "code", test.lastCode()), CONTEXT).status());
        test.clock.advance(Duration.ofSeconds(31));
        String totp = TotpVerifier.codeAt(Base32.decode(TestCore.TOTP_SECRET),
                test.clock.instant().getEpochSecond() / 30);
        ApiResponse verified = step.verify(resetId, Map.of("method", "totp", "code", totp), CONTEXT);
        assertEquals("NEW_PASSWORD", verified.body().get("stage"), verified.toString());
        return resetId;
    }

    @SuppressWarnings("unchecked")
    private static List<String> rules(ApiResponse reply) {
        return ((List<Map<String, Object>>) reply.body().get("violations")).stream()
                .map(violation -> (String) violation.get("rule")).toList();
    }
}
