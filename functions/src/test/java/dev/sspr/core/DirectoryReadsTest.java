package dev.sspr.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.password.PasswordHistoryEntry;
import dev.sspr.core.port.UserDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Counts store reads and writes for real and unknown usernames, because one that only real
 * usernames cause shows in response times.
 */
class DirectoryReadsTest {
    private final AtomicInteger finds = new AtomicInteger();
    private final TestCore test = new TestCore(true, directory -> new CountingDirectory(directory, finds));

    private int readsOfChallenge(String username) {
        String resetId = test.identified(username);
        finds.set(0);
        new VerificationStep(test.core).challenge(resetId, Map.of("method", "sms", "phoneNumber", "2055550000"),
                TestCore.CONTEXT);
        return finds.get();
    }

    @Test
    void challenge_unknownUser_readsLikeRealUser() {
        assertEquals(readsOfChallenge("cs0102"), readsOfChallenge("nobody77"));
    }

    @Test
    void challenge_disabledUser_readsLikeRealUser() {
        assertEquals(readsOfChallenge("cs0102"), readsOfChallenge("disabled1"));
    }

    @Test
    void pushChallenge_unknownUser_isStored() {
        for (String username : new String[] {"cs0101", unknownWithPushDecoy()}) {
            String resetId = test.identified(username);
            new VerificationStep(test.core).challenge(resetId, Map.of("method", "push"), TestCore.CONTEXT);
            String challengeId = test.sessions.find(resetId).orElseThrow().challenge().pushChallengeId();

            assertTrue(test.pushChallenges.find(challengeId).isPresent(), username);
        }
    }

    @Test
    void pushChallenge_withoutDevice_isUnlisted() {
        String username = unknownWithPushDecoy();
        String resetId = test.identified(username);
        new VerificationStep(test.core).challenge(resetId, Map.of("method", "push"), TestCore.CONTEXT);
        String challengeId = test.sessions.find(resetId).orElseThrow().challenge().pushChallengeId();

        PushChallenge stored = test.pushChallenges.find(challengeId).orElseThrow();

        assertTrue(stored.username().startsWith(PushVerification.DECOY_OWNER_PREFIX), stored.username());
        assertTrue(test.pushChallenges.findOpen(username, test.clock.instant()).isEmpty());
    }

    @Test
    void pushChallenge_unknownUser_notifiesNoDevice() {
        String resetId = test.identified(unknownWithPushDecoy());

        new VerificationStep(test.core).challenge(resetId, Map.of("method", "push"), TestCore.CONTEXT);

        assertTrue(test.pushesNotified.isEmpty(), test.pushesNotified.toString());
    }

    /** Returns an unknown username whose decoy methods include push, which depends on the digest key. */
    private String unknownWithPushDecoy() {
        for (int i = 0; i < 100; i++) {
            String username = "nobody" + i;
            String resetId = (String) new CaptchaStep(test.core).start(TestCore.CONTEXT).body().get("resetId");
            ApiResponse reply = new IdentifyStep(test.core).identify(resetId,
                    Map.of("username", username, "captcha", TestCore.CAPTCHA_ANSWER), TestCore.CONTEXT);
            if (reply.body().get("methods").toString().contains("push")) {
                return username;
            }
        }
        throw new AssertionError("no unknown username among nobody0 to nobody99 has push in its decoy");
    }

    /** A directory that counts calls of find and passes every call on. */
    private record CountingDirectory(UserDirectory inner, AtomicInteger finds) implements UserDirectory {
        @Override
        public Optional<UserAccount> find(String username) {
            finds.incrementAndGet();
            return inner.find(username);
        }

        @Override
        public void changePassword(String username, String newHash, Instant changedAt,
                List<PasswordHistoryEntry> history, long expectedVersion) {
            inner.changePassword(username, newHash, changedAt, history, expectedVersion);
        }

        @Override
        public boolean acceptTotpStep(String username, long step) {
            return inner.acceptTotpStep(username, step);
        }
    }
}
