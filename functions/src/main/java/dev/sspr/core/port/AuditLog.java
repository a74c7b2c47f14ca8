package dev.sspr.core.port;

import dev.sspr.core.AuditEvent;

/** Stores audit events for administrators. Events never carry a secret. */
public interface AuditLog {
    void record(AuditEvent event);
}
