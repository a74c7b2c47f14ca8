package dev.sspr.core;

import static dev.sspr.core.TestCore.CONTEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.password.PasswordHistoryEntry;
import dev.sspr.core.port.UserDirectory;
import dev.sspr.core.totp.Base32;
import dev.sspr.core.totp.TotpVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
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

    @Test
    void history_rejectsTwentyFourthNewestAllowsTwentyFifth() {
        TestCore test = new TestCore(true);
        for (int i = 1; i <= 23; i++) {
            changeAfterADay(test, NEW_PASSWORD + i);
        }
        // The history is now passwords 23 to 1 and the initial one: the initial one is 24th newest.
        assertEquals(24, test.users.find("cs0101").orElseThrow().passwordHistory().size());
        test.clock.advance(Duration.ofHours(25));
        assertHistoryViolation(setPassword(test, verifiedReset(test), TestCore.PASSWORD));

        changeAfterADay(test, NEW_PASSWORD + 24);
        // Password 1 is now 24th newest, and the initial one 25th, out of the history.
        assertEquals(24, test.users.find("cs0101").orElseThrow().passwordHistory().size());
        test.clock.advance(Duration.ofHours(25));
        assertHistoryViolation(setPassword(test, verifiedReset(test), NEW_PASSWORD + 1));
        assertEquals(200, setPassword(test, verifiedReset(test), TestCore.PASSWORD).status());
    }

    @Test
    void history_rejectsTheCurrentPassword() {
        TestCore test = new TestCore(true);
        changeAfterADay(test, NEW_PASSWORD);

        test.clock.advance(Duration.ofHours(25));
        assertHistoryViolation(setPassword(test, verifiedReset(test), NEW_PASSWORD));
        assertTrue(test.audit.events().stream().anyMatch(event -> event.outcome().equals("password_history")));
    }

    @Test
    void history_comparesAfterNfkc() {
        TestCore test = new TestCore(true);
        // The initial password with a full-width zero and exclamation mark, which NFKC maps to ASCII.
        String fullWidth = "Initial-Passw\uFF10rd-2026\uFF01";

        assertHistoryViolation(setPassword(test, verifiedReset(test), fullWidth));
    }

    @Test
    void history_tellsPasswordsSharing72BytesApart() {
        TestCore test = new TestCore(true);
        String shared = "Correct-Horse-7-" + "x".repeat(56);
        changeAfterADay(test, shared + "a");

        changeAfterADay(test, shared + "b");
        test.clock.advance(Duration.ofHours(25));
        assertHistoryViolation(setPassword(test, verifiedReset(test), shared + "a"));
    }

    @Test
    void accountWithoutHistory_checksTheCurrentHash() {
        TestCore test = new TestCore(true);
        UserAccount account = test.users.find("cs0101").orElseThrow();
        test.users.put(new UserAccount(account.username(), account.email(), account.phoneE164(),
                account.totpSecretBase32(), account.pushDeviceId(), account.passwordHash(),
                account.passwordChangedAt(), List.of(), true, account.lastTotpStep(), account.version()));

        assertHistoryViolation(setPassword(test, verifiedReset(test), TestCore.PASSWORD));
        assertEquals(200, setPassword(test, verifiedReset(test), NEW_PASSWORD).status());
        assertEquals(1, test.users.find("cs0101").orElseThrow().passwordHistory().size());
    }

    @Test
    void change_storesHashTimeAndHistoryTogether() {
        TestCore test = new TestCore(true);
        UserAccount before = test.users.find("cs0101").orElseThrow();
        String resetId = verifiedReset(test);
        UserAccount verified = test.users.find("cs0101").orElseThrow();

        assertEquals(200, setPassword(test, resetId, NEW_PASSWORD).status());

        UserAccount after = test.users.find("cs0101").orElseThrow();
        assertTrue(test.hasher.verify(Secret.of(NEW_PASSWORD), after.passwordHash()));
        assertEquals(test.clock.instant(), after.passwordChangedAt());
        assertEquals(2, after.passwordHistory().size());
        assertEquals(test.history.candidate("cs0101", Secret.of(NEW_PASSWORD)).entry(), after.passwordHistory().get(0));
        assertEquals(before.passwordHistory().get(0), after.passwordHistory().get(1));
        assertEquals(verified.version() + 1, after.version());
    }

    @Test
    void change_retriesAfterAConcurrentTotpStep() {
        AtomicBoolean raced = new AtomicBoolean();
        TestCore test = new TestCore(true, directory -> new RacingDirectory(directory,
                name -> raced.compareAndSet(false, true) && directory.acceptTotpStep(name, Long.MAX_VALUE)));

        ApiResponse reply = setPassword(test, verifiedReset(test), NEW_PASSWORD);

        assertEquals(200, reply.status(), reply.toString());
        assertTrue(raced.get());
        assertTrue(test.hasher.verify(Secret.of(NEW_PASSWORD), test.users.find("cs0101").orElseThrow().passwordHash()));
    }

    @Test
    void change_reopensSessionWhenAnotherResetWonFirst() {
        AtomicBoolean raced = new AtomicBoolean();
        TestCore[] holder = new TestCore[1];
        TestCore test = new TestCore(true, directory -> new RacingDirectory(directory, name -> {
            if (!raced.compareAndSet(false, true)) {
                return false;
            }
            UserAccount current = directory.find(name).orElseThrow();
            directory.changePassword(name, "other", holder[0].clock.instant(), current.passwordHistory(),
                    current.version());
            return true;
        }));
        holder[0] = test;
        String resetId = verifiedReset(test);

        ApiResponse reply = setPassword(test, resetId, NEW_PASSWORD);

        assertEquals(409, reply.status(), reply.toString());
        assertEquals("password_min_age", reply.body().get("error"));
        assertEquals(Stage.NEW_PASSWORD, test.sessions.find(resetId).orElseThrow().stage());
        assertEquals("other", test.users.find("cs0101").orElseThrow().passwordHash());
    }

    @Test
    void change_otherResetFinishedDuringClaim_staysCancelled() {
        AtomicBoolean raced = new AtomicBoolean();
        TestCore[] holder = new TestCore[1];
        String[] other = new String[1];
        TestCore test = new TestCore(true, directory -> new RacingDirectory(directory, name -> {
            if (!raced.compareAndSet(false, true)) {
                return false;
            }
            // While this reset is claimed, the user's other reset sets a password and cancels it.
            assertEquals(200, setPassword(holder[0], other[0], NEW_PASSWORD + "-other").status());
            return true;
        }));
        holder[0] = test;
        String claimed = verifiedReset(test);
        other[0] = verifiedReset(test);

        ApiResponse reply = setPassword(test, claimed, NEW_PASSWORD);

        assertEquals(409, reply.status(), reply.toString());
        assertEquals(Stage.CANCELLED, test.sessions.find(claimed).orElseThrow().stage());
        assertEquals(404, setPassword(test, claimed, NEW_PASSWORD).status());
    }

    @Test
    void minAge_refusedAttemptDoesNotRestartIt() {
        TestCore test = new TestCore(true);
        assertEquals(200, setPassword(test, verifiedReset(test), NEW_PASSWORD).status());
        Instant allowedAt = test.clock.instant().plus(Duration.ofHours(24));

        test.clock.advance(Duration.ofHours(1));
        ApiResponse early = setPassword(test, verifiedReset(test), NEW_PASSWORD + "x");
        assertEquals(409, early.status());
        assertEquals(Flow.iso(allowedAt), early.body().get("retryAfter"));

        // Each verifiedReset moves the clock 31 seconds, so these two end 1 second before allowedAt.
        test.clock.advance(Duration.between(test.clock.instant(), allowedAt.minusSeconds(1 + 31 + 31)));
        String lastSecondReset = verifiedReset(test);
        String onTimeReset = verifiedReset(test);
        assertEquals(allowedAt.minusSeconds(1), test.clock.instant());

        ApiResponse lastSecond = setPassword(test, lastSecondReset, NEW_PASSWORD + "x");
        assertEquals(409, lastSecond.status(), lastSecond.toString());
        assertEquals(Flow.iso(allowedAt), lastSecond.body().get("retryAfter"), "a refusal must not restart the 24 hours");

        test.clock.advance(Duration.ofSeconds(1));
        assertEquals(200, setPassword(test, onTimeReset, NEW_PASSWORD + "x").status());
    }

    @Test
    void secondVerification_showsWhenChangeIsAllowed() {
        TestCore test = new TestCore(true);
        assertFalse(verify(test).reply().body().containsKey("passwordChangeAllowedAt"),
                "a password changed 30 days ago can change now");
        assertEquals(200, setPassword(test, verifiedReset(test), NEW_PASSWORD).status());
        String allowedAt = Flow.iso(test.clock.instant().plus(Duration.ofHours(24)));

        test.clock.advance(Duration.ofHours(2));
        ApiResponse reply = verify(test).reply();

        assertEquals(allowedAt, reply.body().get("passwordChangeAllowedAt"));
    }

    @Test
    void success_cancelsOtherOpenResetsOfTheUser() {
        TestCore test = new TestCore(true);
        String other = test.identified("cs0101");
        String otherUser = test.identified("cs0102");
        String resetId = verifiedReset(test);

        assertEquals(200, setPassword(test, resetId, NEW_PASSWORD).status());

        assertEquals(Stage.CANCELLED, test.sessions.find(other).orElseThrow().stage());
        assertEquals(Stage.VERIFY_1, test.sessions.find(otherUser).orElseThrow().stage());
        assertEquals(Stage.DONE, test.sessions.find(resetId).orElseThrow().stage());
        ApiResponse challenge = new VerificationStep(test.core).challenge(other,
                Map.of("method", "sms", "phoneNumber", "2055550133"), CONTEXT);
        assertEquals(404, challenge.status());
        assertEquals("reset_not_found", challenge.body().get("error"));
        assertTrue(test.audit.events().stream().anyMatch(event -> event.step().equals("cancel_other_resets")
                && event.outcome().equals("cancelled")));
    }

    @Test
    void finishedReset_rejectsReplayedPassword() {
        TestCore test = new TestCore(true);
        String resetId = verifiedReset(test);
        assertEquals(200, setPassword(test, resetId, NEW_PASSWORD).status());

        ApiResponse replay = setPassword(test, resetId, NEW_PASSWORD + "x");

        assertEquals(403, replay.status());
        assertEquals("step_not_allowed", replay.body().get("error"));
        assertEquals("DONE", replay.body().get("stage"));
    }

    @Test
    void contextWords_areRejectedWithReason() {
        TestCore test = new TestCore(true);
        String resetId = verifiedReset(test);

        ApiResponse username = setPassword(test, resetId, "Horse-CS0101-Battery-7!");
        assertEquals(422, username.status());
        assertEquals(List.of("context_word"), rules(username));
        ApiResponse organisation = setPassword(test, resetId, "Horse-Agency-Battery-7!");
        assertEquals(List.of("context_word"), rules(organisation));
    }

    @Test
    void commonPassword_isRejectedWithReason() {
        TestCore test = new TestCore(true);
        ApiResponse reply = setPassword(test, verifiedReset(test), "1qaz2wsx3edc4rfv");

        assertEquals(422, reply.status());
        assertTrue(rules(reply).contains("common_password"), rules(reply).toString());
    }

    /** Runs an action that changes the account just before the first password write. */
    private static final class RacingDirectory implements UserDirectory {
        private final UserDirectory delegate;
        private final Predicate<String> beforeWrite;

        RacingDirectory(UserDirectory delegate, Predicate<String> beforeWrite) {
            this.delegate = delegate;
            this.beforeWrite = beforeWrite;
        }

        @Override
        public Optional<UserAccount> find(String username) {
            return delegate.find(username);
        }

        @Override
        public void changePassword(String username, String newHash, Instant changedAt,
                List<PasswordHistoryEntry> history, long expectedVersion) {
            beforeWrite.test(username);
            delegate.changePassword(username, newHash, changedAt, history, expectedVersion);
        }

        @Override
        public boolean acceptTotpStep(String username, long step) {
            return delegate.acceptTotpStep(username, step);
        }
    }

    /** Takes cs0101 through SMS and TOTP; returns a reset at NEW_PASSWORD. */
    private static String verifiedReset(TestCore test) {
        return verify(test).resetId();
    }

    /** A reset that passed both verifications, and the response to the second one. */
    private record Verified(String resetId, ApiResponse reply) {
    }

    /** Takes cs0101 through SMS and TOTP, which moves the clock 31 seconds for a fresh TOTP step. */
    private static Verified verify(TestCore test) {
        VerificationStep step = new VerificationStep(test.core);
        String resetId = test.identified("cs0101");
        step.challenge(resetId, Map.of("method", "sms", "phoneNumber", "2055550133"), CONTEXT);
        assertEquals(200, step.verify(resetId, Map.of("method", "sms", "code", test.lastCode()), CONTEXT).status());
        test.clock.advance(Duration.ofSeconds(31));
        String totp = TotpVerifier.codeAt(Base32.decode(TestCore.TOTP_SECRET),
                test.clock.instant().getEpochSecond() / 30);
        ApiResponse verified = step.verify(resetId, Map.of("method", "totp", "code", totp), CONTEXT);
        assertEquals("NEW_PASSWORD", verified.body().get("stage"), verified.toString());
        return new Verified(resetId, verified);
    }

    private static ApiResponse setPassword(TestCore test, String resetId, String password) {
        return new PasswordStep(test.core).setPassword(resetId,
                Map.of("newPassword", password, "confirmPassword", password), CONTEXT);
    }

    /** Waits out the minimum age, resets cs0101's password and checks that it succeeded. */
    private static void changeAfterADay(TestCore test, String password) {
        test.clock.advance(Duration.ofHours(25));
        ApiResponse reply = setPassword(test, verifiedReset(test), password);
        assertEquals(200, reply.status(), password + ": " + reply);
    }

    private static void assertHistoryViolation(ApiResponse reply) {
        assertEquals(422, reply.status(), reply.toString());
        assertEquals("password_policy", reply.body().get("error"));
        assertEquals(List.of("history"), rules(reply));
        assertEquals("You have used this password before. Choose one that is not among your last 24 passwords.",
                violations(reply).get(0).get("message"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> violations(ApiResponse reply) {
        return (List<Map<String, Object>>) reply.body().get("violations");
    }

    @SuppressWarnings("unchecked")
    private static List<String> rules(ApiResponse reply) {
        return ((List<Map<String, Object>>) reply.body().get("violations")).stream()
                .map(violation -> (String) violation.get("rule")).toList();
    }
}
