package dev.sspr.core;

/**
 * The sender of a request, for limits and the audit trail.
 *
 * @param requestId the id API Gateway gave the request, which also appears in the logs
 * @param sourceIp the caller's address
 * @param userAgent the caller's user agent
 */
public record RequestContext(String requestId, String sourceIp, String userAgent) {
}
