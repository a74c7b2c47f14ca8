package dev.sspr.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.sspr.core.ApiResponse;
import dev.sspr.core.ErrorCode;
import dev.sspr.core.ResetCore;
import dev.sspr.core.ResetIds;
import dev.sspr.core.TransientDeliveryException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The shape every Task handler shares: read the state machine's input, call one step of the core,
 * and return {@code {"statusCode": ..., "body": {...}}}. Unexpected failures become a 500 with a
 * reference that the log line repeats; transient delivery failures escape so the state machine
 * retries the step.
 */
public abstract class StepHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final String step;

    protected StepHandler(String step) {
        this.step = step;
    }

    /** Runs this handler's step of the core. */
    protected abstract ApiResponse handle(StepRequest request);

    @Override
    public final Map<String, Object> handleRequest(Map<String, Object> input, Context lambdaContext) {
        StepRequest request = StepRequest.from(input);
        try {
            ApiResponse response = handle(request);
            log(request, response);
            return toOutput(response);
        } catch (TransientDeliveryException e) {
            JsonLog.error("delivery_failed", fields(request, Map.of("exception", e.getClass().getName())));
            throw e;
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString();
            JsonLog.error("step_failed", fields(request, Map.of(
                    "reference", reference, "exception", e.getClass().getName(), "detail", String.valueOf(e.getMessage()))));
            return toOutput(ApiResponse.error(ErrorCode.INTERNAL_ERROR, Map.of("reference", reference)));
        }
    }

    /** Returns the core for Lambda, built once per container from the environment. */
    protected static ResetCore lambdaCore() {
        return LambdaEnvironment.core();
    }

    static Map<String, Object> toOutput(ApiResponse response) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("statusCode", response.status());
        output.put("body", response.body());
        return output;
    }

    private void log(StepRequest request, ApiResponse response) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("status", response.status());
        if (response.isError()) {
            extra.put("error", response.body().get("error"));
            extra.put("reason", response.body().get("reason"));
        }
        JsonLog.info("step_completed", fields(request, extra));
    }

    private Map<String, Object> fields(StepRequest request, Map<String, Object> extra) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("step", step);
        fields.put("action", request.action());
        fields.put("resetRef", ResetIds.reference(request.resetId()));
        fields.put("requestId", request.context().requestId());
        fields.putAll(extra);
        return fields;
    }
}
