package dev.sspr.adapter.memory;

import dev.sspr.core.ConcurrentUpdateException;
import dev.sspr.core.ResetIds;
import dev.sspr.core.ResetSession;
import dev.sspr.core.Stage;
import dev.sspr.core.port.SessionStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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
            throw new ConcurrentUpdateException("Reset session " + ResetIds.reference(session.id())
                    + " changed since version " + expected);
        }
        session.setVersion(expected + 1);
    }

    /** Scans every session, where the DynamoDB store queries its username index instead. */
    @Override
    public int cancelOpenResets(String username, String exceptResetId, Instant now) {
        AtomicInteger cancelled = new AtomicInteger();
        for (String id : sessions.keySet()) {
            if (id.equals(exceptResetId)) {
                continue;
            }
            sessions.computeIfPresent(id, (key, current) -> {
                if (!username.equals(current.username()) || !isOpen(current, now)) {
                    return current;
                }
                ResetSession next = current.copy();
                next.setStage(Stage.CANCELLED);
                next.setVersion(current.version() + 1);
                cancelled.incrementAndGet();
                return next;
            });
        }
        return cancelled.get();
    }

    private static boolean isOpen(ResetSession session, Instant now) {
        return session.stage() != Stage.DONE && session.stage() != Stage.CANCELLED && !session.isExpired(now);
    }
}
