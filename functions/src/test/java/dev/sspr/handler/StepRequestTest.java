package dev.sspr.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StepRequestTest {

    private static StepRequest withCaller(Map<String, Object> caller) {
        return StepRequest.from(Map.of("action", "identify", "resetId", "r-1", "body", Map.of(),
                "requestContext", caller));
    }

    @Test
    void from_readsCallerFields() {
        StepRequest request = withCaller(Map.of("requestId", "q-1", "sourceIp", "192.0.2.7", "userAgent", "ua"));

        assertEquals("q-1", request.context().requestId());
        assertEquals("192.0.2.7", request.context().sourceIp());
        assertEquals("ua", request.context().userAgent());
    }

    @Test
    void from_wafMarkTrue_isPassed() {
        StepRequest request = withCaller(Map.of("requestId", "q-1", "wafCaptcha", true));

        assertTrue(request.context().wafCaptchaPassed());
    }

    @Test
    void from_wafMarkAsText_isNotPassed() {
        StepRequest request = withCaller(Map.of("requestId", "q-1", "wafCaptcha", "true"));

        assertFalse(request.context().wafCaptchaPassed());
    }

    @Test
    void from_wafMarkMissing_isNotPassed() {
        StepRequest request = withCaller(Map.of("requestId", "q-1"));

        assertFalse(request.context().wafCaptchaPassed());
    }
}
