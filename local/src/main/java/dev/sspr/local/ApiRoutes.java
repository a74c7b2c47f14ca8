package dev.sspr.local;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.sspr.core.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps {@code /v1} requests to state machine executions, as the API Gateway routes of template.yaml
 * do: method and path choose the action, and the body must be a JSON object of limited size.
 */
final class ApiRoutes {
    /** The largest request body accepted; a new password of 256 characters fits many times over. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Pattern RESET_STEP = Pattern.compile(
            "^/v1/resets/([^/]{1,128})/(captcha|cancel|identify|challenge|verify|password)$");
    private static final Pattern CAPTCHA_AUDIO = Pattern.compile("^/v1/resets/([^/]{1,128})/captcha/audio$");
    private static final Pattern DEVICE_CHALLENGES = Pattern.compile(
            "^/v1/devices/([A-Za-z0-9_-]{1,128})/challenges(?:/([A-Za-z0-9_-]{1,128}))?$");
    private static final ObjectMapper STRICT_MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern JSON_CONTENT_TYPE = Pattern.compile(
            "^application/json\\s*(;.*)?$", Pattern.CASE_INSENSITIVE);

    private final StateMachineGateway gateway;
    private final LocalWafCaptcha waf;

    /** Routes to {@code gateway}; {@code waf} plays AWS WAF's CAPTCHA rule, or is null for the built-in CAPTCHA. */
    ApiRoutes(StateMachineGateway gateway, LocalWafCaptcha waf) {
        this.gateway = gateway;
        this.waf = waf;
    }

    void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        Route route = route(path);
        if (route == null) {
            HttpExchanges.sendError(exchange, ErrorCode.NOT_FOUND);
            return;
        }
        if (!route.httpMethod().equals(method)) {
            exchange.getResponseHeaders().set("Allow", route.httpMethod());
            HttpExchanges.sendError(exchange, ErrorCode.HTTP_METHOD_NOT_ALLOWED);
            return;
        }

        // WAF decides before API Gateway reads the body, so the 405 comes before any body check.
        boolean wafCaptchaPassed = false;
        if (waf != null && "identify".equals(route.action())) {
            if (!waf.accepts(exchange.getRequestHeaders())) {
                sendWafCaptchaChallenge(exchange);
                return;
            }
            wafCaptchaPassed = true;
        }

        JsonNode body = null;
        String rawBody = "";
        if ("POST".equals(method)) {
            BodyResult parsed = readBody(exchange, route.emptyBodyAllowed());
            if (parsed.error() != null) {
                HttpExchanges.sendError(exchange, parsed.error());
                return;
            }
            body = parsed.body();
            rawBody = parsed.raw();
        }
        ObjectNode device = null;
        if (route.deviceId() != null) {
            device = STRICT_MAPPER.createObjectNode();
            device.put("deviceId", route.deviceId());
            device.put("challengeId", route.resetId());
            device.put("httpMethod", method);
            device.put("path", path);
            device.put("rawBody", rawBody);
            device.put("timestamp", exchange.getRequestHeaders().getFirst("X-Device-Timestamp"));
            device.put("signature", exchange.getRequestHeaders().getFirst("X-Device-Signature"));
        }
        StateMachineGateway.Response response = gateway.execute(route.action(),
                route.deviceId() == null ? route.resetId() : null, body, device,
                exchange.getRemoteAddress().getAddress().getHostAddress(),
                exchange.getRequestHeaders().getFirst("User-Agent"), wafCaptchaPassed);
        if (response.status() == 200 && response.body().has("audio")) {
            // API Gateway turns this base64 body into binary with contentHandling CONVERT_TO_BINARY.
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            HttpExchanges.send(exchange, 200, response.body().path("contentType").asText("audio/wav"),
                    Base64.getDecoder().decode(response.body().path("audio").asText()));
            return;
        }
        HttpExchanges.sendJson(exchange, response.status(), response.body());
    }

    /**
     * Responds as WAF's CAPTCHA action does to a request without a valid token: status 405 and
     * {@code x-amzn-waf-action: captcha}. The body is a short page, not JSON, as WAF's is not.
     */
    private static void sendWafCaptchaChallenge(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-waf-action", "captcha");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        HttpExchanges.send(exchange, 405, "text/html; charset=utf-8", HttpExchanges.utf8(
                "<!doctype html><html lang=\"en\"><head><title>CAPTCHA</title></head><body><p>Solve the"
                + " CAPTCHA puzzle to continue. (Local stand-in for the AWS WAF CAPTCHA.)</p></body></html>\n"));
    }

    private record Route(String httpMethod, String action, String resetId, boolean emptyBodyAllowed,
            String deviceId) {
        Route(String httpMethod, String action, String resetId, boolean emptyBodyAllowed) {
            this(httpMethod, action, resetId, emptyBodyAllowed, null);
        }
    }

    private static Route route(String path) {
        switch (path) {
            case "/v1/resets":
                return new Route("POST", "start", null, true);
            case "/v1/password-policy":
                return new Route("GET", "passwordPolicy", null, false);
            case "/v1/config":
                return new Route("GET", "config", null, false);
            case "/v1/signin":
                return new Route("POST", "signin", null, false);
            default:
                break;
        }
        Matcher audio = CAPTCHA_AUDIO.matcher(path);
        if (audio.matches()) {
            return new Route("GET", "captchaAudio", audio.group(1), false);
        }
        Matcher devices = DEVICE_CHALLENGES.matcher(path);
        if (devices.matches()) {
            String challengeId = devices.group(2);
            return challengeId == null
                    ? new Route("GET", "devicePending", null, false, devices.group(1))
                    : new Route("POST", "deviceRespond", challengeId, false, devices.group(1));
        }
        Matcher step = RESET_STEP.matcher(path);
        if (!step.matches()) {
            return null;
        }
        String action = "captcha".equals(step.group(2)) ? "refreshCaptcha" : step.group(2);
        return new Route("POST", action, step.group(1), "refreshCaptcha".equals(action) || "cancel".equals(action));
    }

    private record BodyResult(JsonNode body, String raw, ErrorCode error) {
        BodyResult(ErrorCode error) {
            this(null, "", error);
        }
    }

    private static BodyResult readBody(HttpExchange exchange, boolean emptyAllowed) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            return new BodyResult(ErrorCode.PAYLOAD_TOO_LARGE);
        }
        if (bytes.length == 0 && emptyAllowed) {
            return new BodyResult(STRICT_MAPPER.createObjectNode(), "", null);
        }
        String contentType = HttpExchanges.text(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (!JSON_CONTENT_TYPE.matcher(contentType.strip()).matches()) {
            return new BodyResult(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        }
        try {
            JsonNode body = STRICT_MAPPER.readTree(bytes);
            if (!(body instanceof ObjectNode)) {
                return new BodyResult(ErrorCode.INVALID_REQUEST);
            }
            return new BodyResult(body, new String(bytes, StandardCharsets.UTF_8), null);
        } catch (JsonProcessingException e) {
            return new BodyResult(ErrorCode.INVALID_REQUEST);
        }
    }
}
