package dev.sspr.core;

import static dev.sspr.core.TestCore.CONTEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-user limits of SPEC-style numbers: 5 failures lock for 24 h, 5 sends per hour, 3 pushes. */
class UserLimitsTest {
    private static final Map<String, Object> WRONG_TOTP = Map.of("method", "totp", "code", "000000");

    @Test
    void fourthFailure_leavesTheUserUnlocked() {
        TestCore test = new TestCore(true);
        VerificationStep step = new VerificationStep(test.core);
        failTotpInNewResets(test, step, 4);

        ApiResponse fifth = step.verify(test.identified("cs0101"), WRONG_TOTP, CONTEXT);

        assertEquals(400, fifth.status());
        assertEquals("code_invalid", fifth.body().get("error"));
    }

    @Test
    void fifthFailure_locksEveryResetOfTheUser() {
        TestCore test = new TestCore(true);
        VerificationStep step = new VerificationStep(test.core);
        failTotpInNewResets(test, step, 5);

        ApiResponse sixth = step.verify(test.identified("cs0101"), WRONG_TOTP, CONTEXT);
        ApiResponse send = step.challenge(test.identified("cs0101"),
                Map.of("method", "sms", "phoneNumber", "2055550133"), CONTEXT);

        assertEquals(423, sixth.status());
        assertEquals("locked", sixth.body().get("error"));
        assertEquals("2026-03-03T10:00:00Z", sixth.body().get("retryAfter"));
        assertEquals(423, send.status());
        assertTrue(test.messages.isEmpty(), "a locked user gets no code");
    }

    @Test
    void lock_endsAfterTwentyFourHours() {
        TestCore test = new TestCore(true);
        VerificationStep step = new VerificationStep(test.core);
        failTotpInNewResets(test, step, 5);

        test.clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertEquals(423, step.verify(test.identified("cs0101"), WRONG_TOTP, CONTEXT).status());
        test.clock.advance(Duration.ofSeconds(1));
        assertEquals(400, step.verify(test.identified("cs0101"), WRONG_TOTP, CONTEXT).status());
    }

    @Test
    void administratorUnlock_liftsTheLock() {
        TestCore test = new TestCore(true);
        VerificationStep step = new VerificationStep(test.core);
        failTotpInNewResets(test, step, 5);

        test.core.unlock(" CS0101 ");

        assertEquals(400, step.verify(test.identified("cs0101"), WRONG_TOTP, CONTEXT).status());
    }

    @Test
    void unknownUser_isLockedTheSameWay() {
        TestCore test = new TestCore(true);
        VerificationStep step = new VerificationStep(test.core);
        for (int i = 0; i < 5; i++) {
            ApiResponse mismatch = step.challenge(test.identified("nobody7"),
                    Map.of("method", "sms", "phoneNumber", "2055550199"), CONTEXT);
            assertEquals("phone_mismatch", mismatch.body().get("error"));
        }

        ApiResponse locked = step.challenge(test.identified("nobody7"),
                Map.of("method", "sms", "phoneNumber", "2055550199"), CONTEXT);
        ApiResponse identify = new IdentifyStep(test.core).identify(
                (String) new CaptchaStep(test.core).start(CONTEXT).body().get("resetId"),
                Map.of("username", "nobody7", "captcha", TestCore.CAPTCHA_ANSWER), CONTEXT);

        assertEquals(423, locked.status());
        assertEquals(List.of("error", "message", "retryAfter"), List.copyOf(locked.body().keySet()));
        assertEquals(200, identify.status(), "identify never reveals a lock");
    }

    @Test
    void wrongPhoneNumbers_countAsFailures() {
        TestCore test = new TestCore(true);
        VerificationStep step = new VerificationStep(test.core);
        for (int i = 0; i < 5; i++) {
            step.challenge(test.identified("cs0102"), Map.of("method", "sms", "phoneNumber", "2055550100"), CONTEXT);
        }

        ApiResponse right = step.challenge(test.identified("cs0102"),
                Map.of("method", "sms", "phoneNumber", "2055550142"), CONTEXT);

        assertEquals(423, right.status());
    }

    @Test
    void sixthSendInAnHour_isRateLimited() {
        TestCore test = new TestCore(false);
        VerificationStep step = new VerificationStep(test.core);
        for (int i = 0; i < 5; i++) {
            assertEquals(202, step.challenge(test.identified("cs0102"),
                    Map.of("method", "sms", "phoneNumber", "2055550142"), CONTEXT).status());
        }

        ApiResponse sixth = step.challenge(test.identified("cs0102"),
                Map.of("method", "voice", "phoneNumber", "2055550142"), CONTEXT);

        assertEquals(429, sixth.status());
        assertEquals("2026-03-02T11:00:00Z", sixth.body().get("retryAfter"));
        assertEquals(5, test.messages.size());
    }

    @Test
    void parallelSends_exactlyFivePass() throws Exception {
        TestCore test = new TestCore(true);
        VerificationStep step = new VerificationStep(test.core);
        List<Callable<ApiResponse>> requests = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String resetId = test.identified("cs0102");
            requests.add(() -> step.challenge(resetId, Map.of("method", "sms", "phoneNumber", "2055550142"),
                    CONTEXT));
        }

        List<ApiResponse> replies = runTogether(requests);

        assertEquals(5, replies.stream().filter(reply -> reply.status() == 202).count());
        assertEquals(7, replies.stream().filter(reply -> reply.status() == 429).count());
        assertEquals(5, test.messages.size());
    }

    @Test
    void parallelWrongCodes_exactlyFiveCount() throws Exception {
        TestCore test = new TestCore(true);
        VerificationStep step = new VerificationStep(test.core);
        List<Callable<ApiResponse>> requests = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String resetId = test.identified("cs0101");
            requests.add(() -> step.verify(resetId, WRONG_TOTP, CONTEXT));
        }

        List<ApiResponse> replies = runTogether(requests);

        assertEquals(5, replies.stream().filter(reply -> "code_invalid".equals(reply.body().get("error"))).count());
        assertEquals(7, replies.stream().filter(reply -> reply.status() == 423).count());
    }

    @Test
    void parallelPushes_exactlyThreePass() throws Exception {
        TestCore test = new TestCore(true);
        VerificationStep step = new VerificationStep(test.core);
        List<Callable<ApiResponse>> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String resetId = test.identified("cs0101");
            requests.add(() -> step.challenge(resetId, Map.of("method", "push"), CONTEXT));
        }

        List<ApiResponse> replies = runTogether(requests);

        assertEquals(3, replies.stream().filter(reply -> reply.status() == 202).count());
        assertEquals(5, replies.stream().filter(reply -> reply.status() == 429).count());
        assertEquals(3, test.pushesNotified.size());
    }

    @Test
    void fourthPushIn15Minutes_isRateLimitedThenAllowed() {
        TestCore test = new TestCore(true);
        VerificationStep step = new VerificationStep(test.core);
        for (int i = 0; i < 3; i++) {
            assertEquals(202, step.challenge(test.identified("cs0101"), Map.of("method", "push"), CONTEXT).status());
        }

        ApiResponse fourth = step.challenge(test.identified("cs0101"), Map.of("method", "push"), CONTEXT);
        test.clock.advance(Duration.ofMinutes(15));
        ApiResponse later = step.challenge(test.identified("cs0101"), Map.of("method", "push"), CONTEXT);

        assertEquals(429, fourth.status());
        assertEquals(202, later.status());
    }

    @Test
    void dailyBudget_stopsSendsForEveryoneUntilMidnight() {
        TestCore test = TestCore.withLimits(true, limits -> limits.withDailySendBudget(2));
        VerificationStep step = new VerificationStep(test.core);
        assertEquals(202, step.challenge(test.identified("cs0101"),
                Map.of("method", "sms", "phoneNumber", "2055550133"), CONTEXT).status());
        assertEquals(202, step.challenge(test.identified("cs0102"),
                Map.of("method", "sms", "phoneNumber", "2055550142"), CONTEXT).status());

        ApiResponse third = step.challenge(test.identified("cs0101"),
                Map.of("method", "voice", "phoneNumber", "2055550133"), CONTEXT);
        test.clock.advance(Duration.ofHours(14));
        ApiResponse nextDay = step.challenge(test.identified("cs0101"),
                Map.of("method", "voice", "phoneNumber", "2055550133"), CONTEXT);

        assertEquals(429, third.status());
        assertEquals("daily_send_budget", third.body().get("reason"));
        assertEquals("2026-03-03T00:00:00Z", third.body().get("retryAfter"));
        assertEquals(202, nextDay.status());
        assertEquals(3, test.messages.size());
    }

    @Test
    void destinationOutsideTheAllowlist_getsNoCode() {
        TestCore test = TestCore.withLimits(true, limits -> limits.withAllowedCountries(Set.of("CA")));
        ApiResponse reply = new VerificationStep(test.core).challenge(test.identified("cs0101"),
                Map.of("method", "sms", "phoneNumber", "2055550133"), CONTEXT);

        assertEquals(400, reply.status());
        assertEquals("destination_not_allowed", reply.body().get("error"));
        assertTrue(test.messages.isEmpty());
    }

    @Test
    void twentyFirstResetFromOneAddress_isRateLimited() {
        TestCore test = new TestCore(true);
        CaptchaStep captcha = new CaptchaStep(test.core);
        for (int i = 0; i < 20; i++) {
            assertEquals(201, captcha.start(CONTEXT).status());
        }

        ApiResponse twentyFirst = captcha.start(CONTEXT);
        ApiResponse otherAddress = captcha.start(new RequestContext("req-2", "192.0.2.9", "junit"));
        test.clock.advance(Duration.ofMinutes(15));
        ApiResponse later = captcha.start(CONTEXT);

        assertEquals(429, twentyFirst.status());
        assertEquals("2026-03-02T10:15:00Z", twentyFirst.body().get("retryAfter"));
        assertEquals(201, otherAddress.status());
        assertEquals(201, later.status());
    }

    private static void failTotpInNewResets(TestCore test, VerificationStep step, int count) {
        for (int i = 0; i < count; i++) {
            ApiResponse reply = step.verify(test.identified("cs0101"), WRONG_TOTP, CONTEXT);
            assertEquals("code_invalid", reply.body().get("error"), "failure " + (i + 1));
        }
    }

    private static List<ApiResponse> runTogether(List<Callable<ApiResponse>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiResponse>> futures = new ArrayList<>();
        for (Callable<ApiResponse> request : requests) {
            futures.add(pool.submit(() -> {
                start.await();
                return request.call();
            }));
        }
        start.countDown();
        List<ApiResponse> replies = new ArrayList<>();
        for (Future<ApiResponse> future : futures) {
            replies.add(future.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return replies;
    }
}
