package dev.sspr.handler;

import dev.sspr.core.ApiResponse;
import dev.sspr.core.PasswordStep;
import dev.sspr.core.ResetCore;

/** Checks the new password against the policy, stores it and finishes the reset. */
public final class SetPasswordHandler extends StepHandler {
    private final PasswordStep passwords;

    /** Builds the handler for Lambda from the function's environment. */
    public SetPasswordHandler() {
        this(lambdaCore());
    }

    public SetPasswordHandler(ResetCore core) {
        super("password");
        this.passwords = new PasswordStep(core);
    }

    @Override
    protected ApiResponse handle(StepRequest request) {
        return passwords.setPassword(request.resetId(), request.body(), request.context());
    }
}
