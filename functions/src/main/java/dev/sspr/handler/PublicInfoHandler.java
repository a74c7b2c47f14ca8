package dev.sspr.handler;

import dev.sspr.core.ApiResponse;
import dev.sspr.core.PublicInfo;
import dev.sspr.core.ResetCore;

/** Returns the password rules and the support contact, which need no reset session. */
public final class PublicInfoHandler extends StepHandler {
    private final PublicInfo info;

    /** Builds the handler for Lambda from the function's environment. */
    public PublicInfoHandler() {
        this(lambdaCore());
    }

    public PublicInfoHandler(ResetCore core) {
        super("info");
        this.info = new PublicInfo(core);
    }

    @Override
    protected ApiResponse handle(StepRequest request) {
        if ("config".equals(request.action())) {
            return info.config();
        }
        return info.passwordPolicy();
    }
}
