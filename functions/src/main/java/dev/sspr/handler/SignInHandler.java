package dev.sspr.handler;

import dev.sspr.core.ApiResponse;
import dev.sspr.core.SignIn;
import dev.sspr.core.ResetCore;

/** Checks a username and password against the directory. */
public final class SignInHandler extends StepHandler {
    private final SignIn signIn;

    /** Builds the handler for Lambda from the function's environment. */
    public SignInHandler() {
        this(lambdaCore());
    }

    public SignInHandler(ResetCore core) {
        super("signin");
        this.signIn = new SignIn(core);
    }

    @Override
    protected ApiResponse handle(StepRequest request) {
        return signIn.signIn(request.body(), request.context());
    }
}
