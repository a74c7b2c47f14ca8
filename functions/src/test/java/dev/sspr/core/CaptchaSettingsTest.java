package dev.sspr.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CaptchaSettingsTest {
    private static final String SCRIPT = "https://0123abcd.us-east-1.captcha-sdk.awswaf.com/0123abcd/jsapi.js";

    @ParameterizedTest
    @ValueSource(strings = {SCRIPT, "https://abc.awswaf.com/x/jsapi.js", "/dev/waf/jsapi.js"})
    void waf_acceptsWafHostOrOwnOrigin(String url) {
        CaptchaSettings settings = CaptchaSettings.waf(url, "key");

        assertTrue(settings.usesWaf());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://abc.awswaf.com/x/jsapi.js",
        "https://awswaf.com.example.net/jsapi.js",
        "https://abc.awswaf.com.example.net/jsapi.js",
        "https://example.net/abc.awswaf.com/jsapi.js",
        "https://user@abc.awswaf.com/jsapi.js",
        "//abc.example.net/jsapi.js",
        "javascript:alert(1)",
        "jsapi.js",
        " ",
        ""})
    void waf_otherScriptUrl_isRejected(String url) {
        assertThrows(IllegalArgumentException.class, () -> CaptchaSettings.waf(url, "key"));
    }

    @Test
    void waf_refusesMissingScriptUrl() {
        assertThrows(IllegalArgumentException.class, () -> CaptchaSettings.waf(null, "key"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "key with spaces", "key\"quote", "<script>"})
    void waf_malformedApiKey_isRejected(String key) {
        assertThrows(IllegalArgumentException.class, () -> CaptchaSettings.waf(SCRIPT, key));
    }

    @Test
    void waf_refusesMissingApiKey() {
        assertThrows(IllegalArgumentException.class, () -> CaptchaSettings.waf(SCRIPT, null));
    }

    @Test
    void unknownProvider_isRefusedWithChoices() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new CaptchaSettings("recaptcha", null, null));

        assertTrue(error.getMessage().contains("builtin or waf"), error.getMessage());
    }

    @Test
    void builtIn_dropsWafFields() {
        CaptchaSettings settings = new CaptchaSettings("builtin", SCRIPT, "key");

        assertNull(settings.wafScriptUrl());
        assertNull(settings.wafApiKey());
    }

    @Test
    void defaults_useBuiltIn() {
        ResetSettings settings = ResetSettings.defaults("example.gov", new SupportContact("Call us.", null, null, null));

        assertEquals(CaptchaSettings.builtIn(), settings.captcha());
    }
}
