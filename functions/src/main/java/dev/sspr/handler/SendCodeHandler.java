package dev.sspr.handler;

import dev.sspr.core.ApiResponse;
import dev.sspr.core.VerificationStep;
import dev.sspr.core.ResetCore;

/** Checks the typed phone number and sends a one-time code by SMS or voice call. */
public final class SendCodeHandler extends StepHandler {
    private final VerificationStep verification;

    /** Builds the handler for Lambda from the function's environment. */
    public SendCodeHandler() {
        this(lambdaCore());
    }

    public SendCodeHandler(ResetCore core) {
        super("challenge");
        this.verification = new VerificationStep(core);
    }

    @Override
    protected ApiResponse handle(StepRequest request) {
        return verification.challenge(request.resetId(), request.body(), request.context());
    }
}
