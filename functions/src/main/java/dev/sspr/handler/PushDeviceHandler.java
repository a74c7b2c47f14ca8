package dev.sspr.handler;

import dev.sspr.core.ApiResponse;
import dev.sspr.core.DeviceApi;
import dev.sspr.core.ResetCore;

/** Serves the authenticator app: lists pending push requests and records approvals and denials. */
public final class PushDeviceHandler extends StepHandler {
    private final DeviceApi devices;

    /** Builds the handler for Lambda from the function's environment. */
    public PushDeviceHandler() {
        this(lambdaCore());
    }

    public PushDeviceHandler(ResetCore core) {
        super("device");
        this.devices = new DeviceApi(core);
    }

    @Override
    protected ApiResponse handle(StepRequest request) {
        if ("deviceRespond".equals(request.action())) {
            return devices.respond(request.device(), request.challengeId(), request.body(), request.context());
        }
        return devices.pending(request.device(), request.context());
    }
}
