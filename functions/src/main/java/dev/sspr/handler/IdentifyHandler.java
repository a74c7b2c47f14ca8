package dev.sspr.handler;

import dev.sspr.core.ApiResponse;
import dev.sspr.core.IdentifyStep;
import dev.sspr.core.ResetCore;

/** Checks the CAPTCHA answer and finds the account behind a username or email. */
public final class IdentifyHandler extends StepHandler {
    private final IdentifyStep identify;

    /** Builds the handler for Lambda from the function's environment. */
    public IdentifyHandler() {
        this(lambdaCore());
    }

    public IdentifyHandler(ResetCore core) {
        super("identify");
        this.identify = new IdentifyStep(core);
    }

    @Override
    protected ApiResponse handle(StepRequest request) {
        return identify.identify(request.resetId(), request.body(), request.context());
    }
}
