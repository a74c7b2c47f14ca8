package dev.sspr.adapter.memory;

import dev.sspr.core.ConcurrentUpdateException;
import dev.sspr.core.ResetSession;
import dev.sspr.core.port.SessionStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps sessions in a map, with the same conditional-write rules as the DynamoDB store. */
public final class InMemorySessionStore implements SessionStore {
    private final Map<String, ResetSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void create(ResetSession session) {
        ResetSession stored = session.copy();
        stored.setVersion(1);
        if (sessions.putIfAbsent(session.id(), stored) != null) {
            throw new ConcurrentUpdateException("A reset session with this id already exists");
        }
        session.setVersion(1);
    }

    @Override
    public Optional<ResetSession> find(String resetId) {
        return Optional.ofNullable(sessions.get(resetId)).map(ResetSession::copy);
    }

    @Override
    public void update(ResetSession session) {
        long expected = session.version();
        ResetSession next = session.copy();
        next.setVersion(expected + 1);
        ResetSession replaced = sessions.computeIfPresent(session.id(),
                (id, current) -> current.version() == expected ? next : current);
        if (replaced != next) {
            throw new ConcurrentUpdateException("Reset session " + session.id() + " changed since version " + expected);
        }
        session.setVersion(expected + 1);
    }
}
