package dev.sspr.handler;

import dev.sspr.core.ApiResponse;
import dev.sspr.core.VerificationStep;
import dev.sspr.core.ResetCore;

/** Checks a one-time or authenticator code and moves the reset to its next stage. */
public final class VerifyCodeHandler extends StepHandler {
    private final VerificationStep verification;

    /** Builds the handler for Lambda from the function's environment. */
    public VerifyCodeHandler() {
        this(lambdaCore());
    }

    public VerifyCodeHandler(ResetCore core) {
        super("verify");
        this.verification = new VerificationStep(core);
    }

    @Override
    protected ApiResponse handle(StepRequest request) {
        return verification.verify(request.resetId(), request.body(), request.context());
    }
}
