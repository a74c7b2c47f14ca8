package dev.sspr.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tells the state machine a session's stage, so its Choice states can refuse an out-of-order step
 * before any step handler runs. Expired and cancelled sessions are reported as not found.
 */
public final class SessionLookup {
    private final ResetCore core;

    public SessionLookup(ResetCore core) {
        this.core = core;
    }

    /** Returns {@code {"found": true, "stage": "VERIFY_1"}} or {@code {"found": false}}. */
    public Map<String, Object> lookup(String resetId) {
        Optional<ResetSession> session = Flow.load(core, resetId);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("found", session.isPresent());
        session.ifPresent(found -> result.put("stage", found.stage().name()));
        return result;
    }
}
