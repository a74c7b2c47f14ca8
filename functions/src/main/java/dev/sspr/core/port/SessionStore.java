package dev.sspr.core.port;

import dev.sspr.core.ConcurrentUpdateException;
import dev.sspr.core.ResetSession;
import java.time.Instant;
import java.util.Optional;

/** Keeps reset sessions. Every write is conditional, so parallel requests cannot both win. */
public interface SessionStore {

    /** Saves a new session at version 1; fails if the id is taken. */
    void create(ResetSession session);

    /** Finds a session by id, expired or not; callers check expiry against their clock. */
    Optional<ResetSession> find(String resetId);

    /**
     * Saves the session if the stored version still equals {@code session.version()}, then sets
     * the session's version to the new stored version.
     *
     * @throws ConcurrentUpdateException when another write came first
     */
    void update(ResetSession session);

    /**
     * Cancels the user's other open resets, after that user's password changed. A reset is open
     * when its stage is neither DONE nor CANCELLED and it has not expired at {@code now}. Each
     * reset is cancelled with its own write, conditional on it being still open: the stage becomes
     * CANCELLED and the version goes up by one, so a request that read the reset earlier fails its
     * own conditional update. A reset that reached DONE first is left as it is.
     *
     * @param username the normalised username the resets were identified with
     * @param exceptResetId the reset that changed the password, which stays as it is
     * @return how many resets this call cancelled
     */
    int cancelOpenResets(String username, String exceptResetId, Instant now);
}
