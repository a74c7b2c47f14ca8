package dev.sspr.adapter.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.CaptchaSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the Lambda functions read the CAPTCHA choice from the variables template.yaml sets. */
class CaptchaEnvironmentTest {
    private static final String SCRIPT = "https://0123abcd.us-east-1.captcha-sdk.awswaf.com/0123abcd/jsapi.js";

    @Test
    void captcha_unset_isBuiltIn() {
        assertEquals(CaptchaSettings.builtIn(), AwsCoreFactory.captcha(Map.of()));
    }

    @Test
    void captcha_emptyWafValues_isBuiltIn() {
        CaptchaSettings settings = AwsCoreFactory.captcha(Map.of("CAPTCHA_PROVIDER", "builtin",
                "WAF_CAPTCHA_SCRIPT_URL", "", "WAF_CAPTCHA_API_KEY", ""));

        assertEquals(CaptchaSettings.builtIn(), settings);
    }

    @Test
    void captcha_waf_readsScriptAndKey() {
        CaptchaSettings settings = AwsCoreFactory.captcha(Map.of("CAPTCHA_PROVIDER", "WAF",
                "WAF_CAPTCHA_SCRIPT_URL", SCRIPT, "WAF_CAPTCHA_API_KEY", "key=="));

        assertEquals(CaptchaSettings.waf(SCRIPT, "key=="), settings);
    }

    @Test
    void captcha_wafWithoutKey_fails() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> AwsCoreFactory.captcha(Map.of("CAPTCHA_PROVIDER", "waf", "WAF_CAPTCHA_SCRIPT_URL", SCRIPT,
                        "WAF_CAPTCHA_API_KEY", "")));

        assertTrue(error.getMessage().contains("API key"), error.getMessage());
    }

    @Test
    void captcha_unknownProvider_fails() {
        assertThrows(IllegalArgumentException.class, () -> AwsCoreFactory.captcha(Map.of("CAPTCHA_PROVIDER", "hcaptcha")));
    }
}
