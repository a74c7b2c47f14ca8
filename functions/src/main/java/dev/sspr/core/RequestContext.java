package dev.sspr.core;

/**
 * The sender of a request, for limits and the audit trail.
 *
 * @param requestId the id API Gateway gave the request, which also appears in the logs
 * @param sourceIp the caller's address
 * @param userAgent the caller's user agent
 * @param wafCaptchaPassed whether AWS WAF marked the request as carrying a solved WAF CAPTCHA;
 *     it counts only when the deployment uses the WAF CAPTCHA
 */
public record RequestContext(String requestId, String sourceIp, String userAgent, boolean wafCaptchaPassed) {

    /**
     * Creates the context of a request without WAF's CAPTCHA mark, as in every built-in CAPTCHA
     * deployment.
     */
    public RequestContext(String requestId, String sourceIp, String userAgent) {
        this(requestId, sourceIp, userAgent, false);
    }
}
