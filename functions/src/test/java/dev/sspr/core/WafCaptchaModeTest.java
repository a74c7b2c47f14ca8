package dev.sspr.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The identify step when AWS WAF's CAPTCHA guards it instead of the built-in picture. */
class WafCaptchaModeTest {
    private static final String SCRIPT = "https://0123abcd.us-east-1.captcha-sdk.awswaf.com/0123abcd/jsapi.js";
    private static final String API_KEY = "a1b2c3d4e5f6==_key";
    private static final RequestContext MARKED = new RequestContext("req-2", "127.0.0.1", "junit", true);

    private final TestCore test = TestCore.withSettings(settings -> settings.withCaptcha(
            CaptchaSettings.waf(SCRIPT, API_KEY)));

    private String start() {
        return (String) new CaptchaStep(test.core).start(TestCore.CONTEXT).body().get("resetId");
    }

    @Test
    void start_returnsProviderWithoutPicture() {
        ApiResponse started = new CaptchaStep(test.core).start(TestCore.CONTEXT);

        assertEquals(201, started.status());
        assertEquals(Map.of("provider", "waf"), started.body().get("captcha"));
    }

    @Test
    void start_builtIn_includesPicture() {
        ApiResponse started = new CaptchaStep(new TestCore(true).core).start(TestCore.CONTEXT);

        Map<?, ?> captcha = (Map<?, ?>) started.body().get("captcha");
        assertEquals("builtin", captcha.get("provider"));
        assertTrue(((String) captcha.get("image")).startsWith("data:image/png;base64,"));
    }

    @Test
    void identify_withWafMark_movesToFirstVerification() {
        String resetId = start();

        ApiResponse reply = new IdentifyStep(test.core).identify(resetId, Map.of("username", "cs0101"), MARKED);

        assertEquals(200, reply.status(), reply.toString());
        assertEquals("VERIFY_1", reply.body().get("stage"));
    }

    @Test
    void identify_withoutWafMark_isRejected() {
        String resetId = start();

        ApiResponse reply = new IdentifyStep(test.core).identify(resetId, Map.of("username", "cs0101"),
                TestCore.CONTEXT);

        assertEquals(400, reply.status());
        assertEquals("captcha_required", reply.body().get("error"));
        assertEquals(Stage.CAPTCHA, test.sessions.find(resetId).orElseThrow().stage());
    }

    @Test
    void identify_withoutWafMark_isAudited() {
        String resetId = start();

        new IdentifyStep(test.core).identify(resetId, Map.of("username", "cs0101"), TestCore.CONTEXT);

        assertTrue(test.audit.events().stream().anyMatch(event -> "identify".equals(event.step())
                && "captcha_required".equals(event.outcome())), test.audit.events().toString());
    }

    @Test
    void identify_unknownUser_looksReal() {
        String resetId = start();

        ApiResponse reply = new IdentifyStep(test.core).identify(resetId, Map.of("username", "nobody77"), MARKED);

        assertEquals(200, reply.status());
        assertEquals("VERIFY_1", reply.body().get("stage"));
    }

    @Test
    void identify_typedCaptchaField_isRejectedAsUnknown() {
        String resetId = start();

        ApiResponse reply = new IdentifyStep(test.core).identify(resetId,
                Map.of("username", "cs0101", "captcha", "K7M3PX"), MARKED);

        assertEquals(400, reply.status());
        assertEquals("captcha", reply.body().get("field"));
    }

    @Test
    void identify_repeated_isOutOfOrder() {
        String resetId = start();
        new IdentifyStep(test.core).identify(resetId, Map.of("username", "cs0101"), MARKED);

        ApiResponse again = new IdentifyStep(test.core).identify(resetId, Map.of("username", "cs0102"), MARKED);

        assertEquals(403, again.status());
        assertEquals("step_not_allowed", again.body().get("error"));
    }

    @Test
    void identify_builtInModeIgnoresWafMark() {
        TestCore builtIn = new TestCore(true);
        String resetId = (String) new CaptchaStep(builtIn.core).start(TestCore.CONTEXT).body().get("resetId");

        ApiResponse reply = new IdentifyStep(builtIn.core).identify(resetId, Map.of("username", "cs0101"), MARKED);

        assertEquals("captcha_invalid", reply.body().get("error"));
    }

    @Test
    void refresh_isNotUsed() {
        ApiResponse reply = new CaptchaStep(test.core).refresh(start(), TestCore.CONTEXT);

        assertEquals(404, reply.status());
        assertEquals("captcha_not_used", reply.body().get("error"));
    }

    @Test
    void audio_isNotUsed() {
        ApiResponse reply = new CaptchaStep(test.core).audio(start(), TestCore.CONTEXT);

        assertEquals(404, reply.status());
        assertEquals("captcha_not_used", reply.body().get("error"));
    }

    @Test
    void config_namesScriptAndKey() {
        ApiResponse config = new PublicInfo(test.core).config();

        assertEquals(Map.of("provider", "waf", "scriptUrl", SCRIPT, "apiKey", API_KEY), config.body().get("captcha"));
    }

    @Test
    void config_builtInModeNamesOnlyProvider() {
        ApiResponse config = new PublicInfo(new TestCore(true).core).config();

        assertEquals(Map.of("provider", "builtin"), config.body().get("captcha"));
    }

    @Test
    void start_perAddressLimit_stillApplies() {
        TestCore limited = TestCore.withSettings(settings -> settings
                .withCaptcha(CaptchaSettings.waf(SCRIPT, API_KEY))
                .withLimits(settings.limits()));
        CaptchaStep step = new CaptchaStep(limited.core);
        int max = limited.core.settings.limits().maxResetsPerAddress();
        for (int i = 0; i < max; i++) {
            assertEquals(201, step.start(TestCore.CONTEXT).status());
        }

        ApiResponse over = step.start(TestCore.CONTEXT);

        assertEquals(429, over.status());
        assertFalse(over.body().containsKey("captcha"));
    }
}
