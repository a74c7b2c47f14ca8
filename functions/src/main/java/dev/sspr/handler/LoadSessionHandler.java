package dev.sspr.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.sspr.core.ResetCore;
import dev.sspr.core.SessionLookup;
import java.util.Map;

/**
 * Returns a session's stage to the state machine, whose Choice states route on it. Returns
 * {@code {"found": false}} for an unknown, cancelled or expired session.
 */
public final class LoadSessionHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final SessionLookup lookup;

    /** Builds the handler for Lambda from the function's environment. */
    public LoadSessionHandler() {
        this(LambdaEnvironment.core());
    }

    public LoadSessionHandler(ResetCore core) {
        this.lookup = new SessionLookup(core);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return lookup.lookup(StepRequest.from(input).resetId());
    }
}
