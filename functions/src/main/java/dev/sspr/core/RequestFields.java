package dev.sspr.core;

import java.util.Map;
import java.util.Optional;

/** Reads fields of a JSON request body that arrived as a map, without trusting their types. */
public final class RequestFields {
    private RequestFields() {
    }

    /** Returns the field if it is a string of at most {@code maxLength} UTF-16 units. */
    public static Optional<String> string(Map<String, Object> body, String name, int maxLength) {
        if (body == null) {
            return Optional.empty();
        }
        Object value = body.get(name);
        if (value instanceof String text && text.length() <= maxLength) {
            return Optional.of(text);
        }
        return Optional.empty();
    }

    /** Builds the 400 response for a missing or malformed field, naming the field. */
    public static ApiResponse invalid(String field) {
        return ApiResponse.error(ErrorCode.INVALID_REQUEST, Map.of("field", field));
    }
}
