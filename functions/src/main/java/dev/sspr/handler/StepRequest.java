package dev.sspr.handler;

import dev.sspr.core.DeviceApi;
import dev.sspr.core.RequestContext;
import java.util.Map;

/**
 * The input every Task of the state machine passes to its handler: the API action, the reset id
 * from the path, the parsed JSON body, the sender of the request and, for the authenticator app's
 * requests, the signed parts of the request.
 */
public record StepRequest(String action, String resetId, Map<String, Object> body, RequestContext context,
        DeviceApi.SignedRequest device, String challengeId) {

    /** Reads the execution input built by API Gateway's request template or the local runner. */
    @SuppressWarnings("unchecked")
    static StepRequest from(Map<String, Object> input) {
        Map<String, Object> safeInput = input == null ? Map.of() : input;
        Object body = safeInput.get("body");
        Object caller = safeInput.get("requestContext");
        Map<String, Object> callerFields = caller instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        RequestContext context = new RequestContext(text(callerFields.get("requestId")),
                text(callerFields.get("sourceIp")), text(callerFields.get("userAgent")),
                Boolean.TRUE.equals(callerFields.get("wafCaptcha")));
        Object signed = safeInput.get("device");
        Map<String, Object> deviceFields = signed instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        DeviceApi.SignedRequest device = new DeviceApi.SignedRequest(text(deviceFields.get("deviceId")),
                text(deviceFields.get("httpMethod")), text(deviceFields.get("path")),
                text(deviceFields.get("rawBody")), text(deviceFields.get("timestamp")),
                text(deviceFields.get("signature")));
        return new StepRequest(text(safeInput.get("action")), text(safeInput.get("resetId")),
                body instanceof Map<?, ?> map ? (Map<String, Object>) map : null, context, device,
                text(deviceFields.get("challengeId")));
    }

    private static String text(Object value) {
        return value instanceof String string ? string : null;
    }
}
