package dev.sspr.core.port;

import dev.sspr.core.ConcurrentUpdateException;
import dev.sspr.core.ResetSession;
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
}
