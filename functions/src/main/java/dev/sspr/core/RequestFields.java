package dev.sspr.core;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /**
     * Returns the first field of {@code body} that is not in {@code allowed}, so a request with a
     * misspelt or unexpected field is rejected instead of silently ignored.
     */
    public static Optional<String> unknownField(Map<String, Object> body, Set<String> allowed) {
        if (body == null) {
            return Optional.empty();
        }
        return body.keySet().stream().filter(name -> !allowed.contains(name)).sorted().findFirst();
    }

    /** Builds the 400 response for an unexpected field, naming it. */
    public static ApiResponse unknown(String field) {
        return ApiResponse.error(ErrorCode.INVALID_REQUEST, Map.of("field", field, "reason", "unknown_field"));
    }

    /** Builds the 400 response for a missing or malformed field, naming the field. */
    public static ApiResponse invalid(String field) {
        return ApiResponse.error(ErrorCode.INVALID_REQUEST, Map.of("field", field));
    }
}
