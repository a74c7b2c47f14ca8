package dev.sspr.core.port;

import dev.sspr.core.PushChallenge;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Keeps push challenges until the device responds or they expire. */
public interface PushChallengeStore {

    void create(PushChallenge challenge);

    Optional<PushChallenge> find(String challengeId);

    /** Lists a user's challenges that are still pending and not expired at {@code now}. */
    List<PushChallenge> findOpen(String username, Instant now);

    /**
     * Moves a pending challenge to {@code status}, only if it is still pending.
     *
     * @return false when it was answered already, so of two parallel answers only one counts
     */
    boolean complete(String challengeId, PushChallenge.Status status);
}
