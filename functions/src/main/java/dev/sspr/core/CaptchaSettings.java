package dev.sspr.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CAPTCHA that guards the identify step: the built-in picture and audio, or the AWS WAF CAPTCHA.
 *
 * <p>With WAF, a rule of the web ACL responds with WAF's puzzle to identify requests that lack a
 * valid WAF token, and passes the rest with a header only WAF can add. The core then trusts that header instead
 * of checking typed characters, and the page renders WAF's puzzle with the script and API key
 * named here.
 *
 * @param provider {@code builtin} or {@code waf}
 * @param wafScriptUrl where the page loads the WAF CAPTCHA JavaScript API from; null for builtin
 * @param wafApiKey the WAF API key for the page's domain, which is public by design; null for builtin
 */
public record CaptchaSettings(String provider, String wafScriptUrl, String wafApiKey) {
    public static final String BUILTIN = "builtin";
    public static final String WAF = "waf";

    /** Characters of a WAF API key, which is long base64 text. The length bound stops a pasted file early. */
    private static final Pattern API_KEY = Pattern.compile("^[A-Za-z0-9+/=_.:-]{1,4096}$");

    public CaptchaSettings {
        if (BUILTIN.equals(provider)) {
            wafScriptUrl = null;
            wafApiKey = null;
        } else if (WAF.equals(provider)) {
            requireScriptUrl(wafScriptUrl);
            if (wafApiKey == null || !API_KEY.matcher(wafApiKey).matches()) {
                throw new IllegalArgumentException("The WAF CAPTCHA API key is missing or has characters a key"
                        + " never has; copy it from the Application integration page of the WAF console");
            }
        } else {
            throw new IllegalArgumentException("Unknown CAPTCHA provider '" + provider + "': use builtin or waf");
        }
    }

    public static CaptchaSettings builtIn() {
        return new CaptchaSettings(BUILTIN, null, null);
    }

    public static CaptchaSettings waf(String scriptUrl, String apiKey) {
        return new CaptchaSettings(WAF, scriptUrl, apiKey);
    }

    public boolean usesWaf() {
        return WAF.equals(provider);
    }

    /** Returns the {@code captcha} object of {@code GET /v1/config}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("provider", provider);
        if (usesWaf()) {
            json.put("scriptUrl", wafScriptUrl);
            json.put("apiKey", wafApiKey);
        }
        return json;
    }

    /**
     * Accepts an https URL on a host under awswaf.com, where AWS serves the script, or a path on
     * the page's own origin, which is how the local runner serves its stand-in.
     */
    private static void requireScriptUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("The WAF CAPTCHA script URL is missing");
        }
        if (url.startsWith("/") && !url.startsWith("//")) {
            return;
        }
        try {
            URI uri = new URI(url);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            if ("https".equals(uri.getScheme()) && host.endsWith(".awswaf.com") && uri.getUserInfo() == null) {
                return;
            }
        } catch (URISyntaxException e) {
            // Reported below with the same message as any other unusable URL.
        }
        throw new IllegalArgumentException("The WAF CAPTCHA script URL must be https on a host under awswaf.com,"
                + " as the WAF console's Application integration page lists it, was " + url);
    }
}
