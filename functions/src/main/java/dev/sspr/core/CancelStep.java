package dev.sspr.core;

import java.util.Map;

/**
 * Ends a reset on request, as the page's Cancel button does, so a reset left on a shared computer
 * cannot be finished by the next person who finds its id. A cancelled reset is then not found.
 */
public final class CancelStep {
    private final ResetCore core;

    public CancelStep(ResetCore core) {
        this.core = core;
    }

    /** Handles {@code POST /v1/resets/{resetId}/cancel}. A finished reset cannot be cancelled. */
    public ApiResponse cancel(String resetId, RequestContext context) {
        return Flow.onFreshSession(core, resetId, session -> {
            if (session.stage() == Stage.DONE) {
                return Flow.stepNotAllowed(session);
            }
            session.setStage(Stage.CANCELLED);
            core.sessions.update(session);
            Flow.audit(core, context, session, "cancel", null, "success");
            return ApiResponse.of(200, Map.of("stage", Stage.CANCELLED.name()));
        });
    }
}
