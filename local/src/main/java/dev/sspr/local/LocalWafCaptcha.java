package dev.sspr.local;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plays AWS WAF's part when the runner uses the WAF CAPTCHA ({@code --captcha waf}): it issues
 * tokens to the stand-in puzzle at {@code /dev/waf/jsapi.js}, responds with 405 to identify
 * requests without a valid token, as WAF's CAPTCHA action does, and marks the rest as passed.
 *
 * <p>A token is {@code nonce.issuedAtSeconds.mac} under a key drawn at each start, valid for the
 * immunity time of the runner's clock, as a WAF token is valid for the rule's immunity time.
 * Like a WAF token, it may be used again until then.
 */
final class LocalWafCaptcha {
    static final String SCRIPT_PATH = "/dev/waf/jsapi.js";
    static final String TOKEN_PATH = "/dev/waf/token";
    /** The API key the page passes to the stand-in, as it passes the key of its domain to WAF. */
    static final String API_KEY = "local-stand-in-api-key";
    /** WAF's default CAPTCHA immunity time. */
    static final Duration IMMUNITY = Duration.ofSeconds(300);

    private static final String TOKEN_HEADER = "x-aws-waf-token";
    private static final Pattern TOKEN = Pattern.compile("^([A-Za-z0-9_-]{22})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{43})$");
    private static final Pattern TOKEN_COOKIE = Pattern.compile("(?:^|;)\\s*aws-waf-token=([^;\\s]*)");

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final byte[] key = new byte[32];

    LocalWafCaptcha(Clock clock) {
        this.clock = clock;
        random.nextBytes(key);
    }

    /** Returns a new token when {@code apiKey} is the page's key, or null for any other value. */
    String issue(String apiKey) {
        if (apiKey == null || !MessageDigest.isEqual(utf8(apiKey), utf8(API_KEY))) {
            return null;
        }
        byte[] nonceBytes = new byte[16];
        random.nextBytes(nonceBytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes);
        String payload = nonce + "." + clock.instant().getEpochSecond();
        return payload + "." + mac(payload);
    }

    /** Tells whether the request carries a valid token, in the header or in WAF's cookie. */
    boolean accepts(Headers headers) {
        return valid(headers.getFirst(TOKEN_HEADER)) || valid(cookieToken(headers.getFirst("Cookie")));
    }

    boolean valid(String token) {
        if (token == null) {
            return false;
        }
        Matcher parts = TOKEN.matcher(token);
        if (!parts.matches()) {
            return false;
        }
        String payload = parts.group(1) + "." + parts.group(2);
        if (!MessageDigest.isEqual(utf8(mac(payload)), utf8(parts.group(3)))) {
            return false;
        }
        long issuedAt = Long.parseLong(parts.group(2));
        long now = clock.instant().getEpochSecond();
        return issuedAt <= now && now - issuedAt < IMMUNITY.toSeconds();
    }

    private static String cookieToken(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        Matcher cookie = TOKEN_COOKIE.matcher(cookieHeader);
        return cookie.find() ? cookie.group(1) : null;
    }

    private String mac(String payload) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac.doFinal(utf8(payload)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
