package dev.sspr.local.asl;

import java.util.Map;

/**
 * Parsed and validated state machine definition.
 *
 * @param states states by name, in definition order
 * @param timeoutSeconds the top-level TimeoutSeconds, or {@code null} when absent
 */
record Definition(String startAt, Map<String, State> states, Integer timeoutSeconds) {
}
