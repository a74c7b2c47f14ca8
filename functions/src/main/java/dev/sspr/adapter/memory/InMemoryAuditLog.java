package dev.sspr.adapter.memory;

import dev.sspr.core.AuditEvent;
import dev.sspr.core.port.AuditLog;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Keeps the newest audit events in memory, dropping the oldest past a fixed count. */
public final class InMemoryAuditLog implements AuditLog {
    private final int capacity;
    private final Deque<AuditEvent> events = new ArrayDeque<>();

    public InMemoryAuditLog(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized void record(AuditEvent event) {
        events.addLast(event);
        while (events.size() > capacity) {
            events.removeFirst();
        }
    }

    /** Returns the kept events, oldest first. */
    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }
}
