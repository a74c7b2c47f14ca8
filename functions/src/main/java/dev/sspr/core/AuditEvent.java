package dev.sspr.core;

import java.time.Instant;

/**
 * One step of one reset, for the audit trail.
 *
 * @param time when the step finished
 * @param resetId the reference of the reset (see {@link ResetIds#reference}), never the id itself,
 *     or null for sign-in
 * @param username the normalised username given, which may not exist, or null before identify
 * @param step the step name, such as {@code identify}
 * @param method the verification method, or null
 * @param outcome a short machine-readable result, such as {@code success} or {@code code_invalid}
 * @param sourceIp the caller's address as API Gateway saw it
 * @param userAgent the caller's user agent
 */
public record AuditEvent(
        Instant time,
        String resetId,
        String username,
        String step,
        String method,
        String outcome,
        String sourceIp,
        String userAgent) {
}
