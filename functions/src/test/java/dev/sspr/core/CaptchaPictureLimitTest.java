package dev.sspr.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limit on new CAPTCHA pictures per reset, which also bounds the audio plays. */
class CaptchaPictureLimitTest {
    private final TestCore test = new TestCore(true);
    private final CaptchaStep captcha = new CaptchaStep(test.core);
    private final String resetId = (String) captcha.start(TestCore.CONTEXT).body().get("resetId");

    @Test
    void refresh_afterTwentyPictures_isRateLimited() {
        for (int i = 0; i < CaptchaStep.MAX_NEW_PICTURES; i++) {
            assertEquals(200, captcha.refresh(resetId, TestCore.CONTEXT).status());
        }

        ApiResponse over = captcha.refresh(resetId, TestCore.CONTEXT);

        assertEquals(429, over.status());
        assertEquals("captcha_pictures", over.body().get("reason"));
    }

    @Test
    void wrongAnswers_countAsNewPictures() {
        IdentifyStep identify = new IdentifyStep(test.core);
        for (int i = 0; i < CaptchaStep.MAX_NEW_PICTURES; i++) {
            assertEquals(400, identify.identify(resetId, Map.of("username", "cs0101", "captcha", "WRONG1"),
                    TestCore.CONTEXT).status());
        }

        ApiResponse over = identify.identify(resetId, Map.of("username", "cs0101", "captcha", "WRONG1"),
                TestCore.CONTEXT);

        assertEquals(429, over.status());
    }

    @Test
    void overLimit_rightAnswerNoLongerWorks() {
        for (int i = 0; i < CaptchaStep.MAX_NEW_PICTURES; i++) {
            captcha.refresh(resetId, TestCore.CONTEXT);
        }
        IdentifyStep identify = new IdentifyStep(test.core);
        identify.identify(resetId, Map.of("username", "cs0101", "captcha", "WRONG1"), TestCore.CONTEXT);

        ApiResponse right = identify.identify(resetId, Map.of("username", "cs0101", "captcha",
                TestCore.CAPTCHA_ANSWER), TestCore.CONTEXT);

        assertEquals(429, right.status());
    }

    @Test
    void audio_afterPictureLimit_isNotServed() {
        for (int i = 0; i < CaptchaStep.MAX_NEW_PICTURES; i++) {
            captcha.refresh(resetId, TestCore.CONTEXT);
        }
        new IdentifyStep(test.core).identify(resetId, Map.of("username", "cs0101", "captcha", "WRONG1"),
                TestCore.CONTEXT);

        ApiResponse audio = captcha.audio(resetId, TestCore.CONTEXT);

        assertEquals(403, audio.status());
    }
}
