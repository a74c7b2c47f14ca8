package dev.sspr.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CancelStepTest {
    private final TestCore test = new TestCore(true);
    private final CancelStep cancel = new CancelStep(test.core);

    @Test
    void cancel_identifiedReset_endsIt() {
        String resetId = test.identified("cs0101");

        ApiResponse reply = cancel.cancel(resetId, TestCore.CONTEXT);

        assertEquals(200, reply.status());
        assertEquals("CANCELLED", reply.body().get("stage"));
    }

    @Test
    void cancel_thenChallenge_isNotFound() {
        String resetId = test.identified("cs0101");
        cancel.cancel(resetId, TestCore.CONTEXT);

        ApiResponse challenge = new VerificationStep(test.core).challenge(resetId,
                Map.of("method", "sms", "phoneNumber", "2055550133"), TestCore.CONTEXT);

        assertEquals(404, challenge.status());
        assertEquals("reset_not_found", challenge.body().get("error"));
    }

    @Test
    void cancel_atCaptchaStage_endsIt() {
        String resetId = (String) new CaptchaStep(test.core).start(TestCore.CONTEXT).body().get("resetId");

        assertEquals(200, cancel.cancel(resetId, TestCore.CONTEXT).status());
        assertEquals(404, new CaptchaStep(test.core).refresh(resetId, TestCore.CONTEXT).status());
    }

    @Test
    void cancel_twice_isNotFound() {
        String resetId = test.identified("cs0101");
        cancel.cancel(resetId, TestCore.CONTEXT);

        ApiResponse again = cancel.cancel(resetId, TestCore.CONTEXT);

        assertEquals(404, again.status());
    }

    @Test
    void cancel_unknownReset_isNotFound() {
        assertEquals(404, cancel.cancel("AAAAAAAAAAAAAAAAAAAAAAAA", TestCore.CONTEXT).status());
    }

    @Test
    void cancel_isAudited() {
        String resetId = test.identified("cs0101");

        cancel.cancel(resetId, TestCore.CONTEXT);

        assertTrue(test.audit.events().stream().anyMatch(event -> "cancel".equals(event.step())
                && "success".equals(event.outcome())), test.audit.events().toString());
    }
}
