package dev.sspr.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP status and a JSON body, as the state machine hands them to API Gateway. */
public record ApiResponse(int status, Map<String, Object> body) {

    public ApiResponse {
        body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
    }

    public static ApiResponse of(int status, Map<String, Object> body) {
        return new ApiResponse(status, body);
    }

    /** Builds an error response with the code's status and message plus any extra fields. */
    public static ApiResponse error(ErrorCode code, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code.code());
        body.put("message", code.message());
        body.putAll(extra);
        return new ApiResponse(code.httpStatus(), body);
    }

    public static ApiResponse error(ErrorCode code) {
        return error(code, Map.of());
    }

    public boolean isError() {
        return status >= 400;
    }
}
