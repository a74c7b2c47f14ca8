package dev.sspr.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.sspr.core.ErrorCode;
import dev.sspr.core.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local runner's development endpoints under {@code /dev}: the outbox and the demo device's
 * key always, the CAPTCHA answers and the movable clock only when their options are on. None of
 * them exists in AWS.
 */
final class DevRoutes {
    /** The furthest one request may move the clock: one year. */
    static final long MAX_ADVANCE_SECONDS = 366L * 24 * 3600;

    private static final Pattern CAPTCHA_ANSWER = Pattern.compile("^/dev/captcha/([A-Za-z0-9_-]{1,128})$");

    private final Outbox outbox;
    private final DevClock clock;
    private final RecordingCaptchaProvider captchas;
    private final DemoDevice demoDevice;
    private final boolean exposeCaptchaAnswers;
    private final boolean devClock;
    private final LocalWafCaptcha waf;

    DevRoutes(Outbox outbox, DevClock clock, RecordingCaptchaProvider captchas, DemoDevice demoDevice,
            LocalOptions options, LocalWafCaptcha waf) {
        this.waf = waf;
        this.demoDevice = demoDevice;
        this.outbox = outbox;
        this.clock = clock;
        this.captchas = captchas;
        this.exposeCaptchaAnswers = options.exposeCaptchaAnswers();
        this.devClock = options.devClock();
    }

    void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        if (path.equals("/dev/outbox") && method.equals("GET")) {
            HttpExchanges.sendJson(exchange, 200, outboxJson());
        } else if (path.equals("/dev/outbox.html") && method.equals("GET")) {
            HttpExchanges.send(exchange, 200, "text/html; charset=utf-8", HttpExchanges.utf8(outboxHtml()));
        } else if (path.equals("/dev/devices/demo") && method.equals("GET")) {
            ObjectNode device = HttpExchanges.MAPPER.createObjectNode();
            device.put("deviceId", DemoDevice.DEVICE_ID);
            device.put("username", DemoDirectory.FULL_USER);
            device.set("privateKeyJwk", demoDevice.privateKeyJwk());
            HttpExchanges.sendJson(exchange, 200, device);
        } else if (path.equals("/dev/clock") && devClock) {
            handleClock(exchange, method);
        } else if (waf != null && path.equals(LocalWafCaptcha.TOKEN_PATH)) {
            handleWafToken(exchange, method);
        } else if (exposeCaptchaAnswers && method.equals("GET") && CAPTCHA_ANSWER.matcher(path).matches()) {
            handleCaptchaAnswer(exchange, path);
        } else {
            HttpExchanges.sendError(exchange, ErrorCode.NOT_FOUND);
        }
    }

    private ArrayNode outboxJson() {
        ArrayNode messages = HttpExchanges.MAPPER.createArrayNode();
        for (Outbox.Message message : outbox.messages()) {
            ObjectNode json = messages.addObject();
            json.put("channel", message.channel());
            json.put("to", message.to());
            json.put("text", message.text());
            json.put("sentAt", message.sentAt().toString());
        }
        return messages;
    }

    private String outboxHtml() {
        StringBuilder rows = new StringBuilder();
        List<Outbox.Message> messages = outbox.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            Outbox.Message message = messages.get(i);
            rows.append("<tr><td>").append(escape(message.sentAt().truncatedTo(ChronoUnit.SECONDS).toString()))
                    .append("</td><td>").append(message.channel().equals("sms") ? "SMS" : "Voice call")
                    .append("</td><td>").append(escape(message.to()))
                    .append("</td><td>").append(escape(message.text())).append("</td></tr>\n");
        }
        if (rows.length() == 0) {
            rows.append("<tr><td colspan=\"4\">No messages yet.</td></tr>\n");
        }
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Local outbox</title><link rel=\"stylesheet\" href=\"/styles.css\"></head><body>\n"
                + "<main class=\"outbox\"><h1>Local outbox</h1>\n"
                + "<p>Text messages and voice calls the local runner would have sent, newest first."
                + " Reload the page to see new ones.</p>\n<table><caption>Delivered messages</caption>\n"
                + "<thead><tr><th scope=\"col\">Sent at (UTC)</th><th scope=\"col\">Channel</th>"
                + "<th scope=\"col\">To</th><th scope=\"col\">Message</th></tr></thead>\n<tbody>\n"
                + rows + "</tbody></table></main></body></html>\n";
    }

    /**
     * Issues a token to the stand-in puzzle, as WAF's CAPTCHA endpoint does when a puzzle is
     * solved. The body is {@code {"apiKey": "..."}} with the key from {@code GET /v1/config}.
     */
    private void handleWafToken(HttpExchange exchange, String method) throws IOException {
        if (!method.equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            HttpExchanges.sendError(exchange, ErrorCode.HTTP_METHOD_NOT_ALLOWED);
            return;
        }
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(ApiRoutes.MAX_BODY_BYTES + 1);
            if (bytes.length > ApiRoutes.MAX_BODY_BYTES) {
                HttpExchanges.sendError(exchange, ErrorCode.PAYLOAD_TOO_LARGE);
                return;
            }
            body = HttpExchanges.MAPPER.readTree(bytes);
        } catch (IOException e) {
            body = null;
        }
        String token = body != null && body.path("apiKey").isTextual() ? waf.issue(body.path("apiKey").asText()) : null;
        if (token == null) {
            sendInvalidField(exchange, "apiKey", "Send {\"apiKey\": \"...\"} with the key that GET /v1/config names.");
            return;
        }
        ObjectNode answer = HttpExchanges.MAPPER.createObjectNode();
        answer.put("token", token);
        HttpExchanges.sendJson(exchange, 200, answer);
    }

    /** Sends 400 {@code invalid_request} naming the field and what it must contain. */
    private static void sendInvalidField(HttpExchange exchange, String field, String message) throws IOException {
        ObjectNode error = HttpExchanges.MAPPER.createObjectNode();
        error.put("error", ErrorCode.INVALID_REQUEST.code());
        error.put("message", message);
        error.put("field", field);
        HttpExchanges.sendJson(exchange, 400, error);
    }

    private void handleClock(HttpExchange exchange, String method) throws IOException {
        if (method.equals("GET")) {
            HttpExchanges.sendJson(exchange, 200, clockJson(clock.instant()));
            return;
        }
        if (!method.equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "GET, POST");
            HttpExchanges.sendError(exchange, ErrorCode.HTTP_METHOD_NOT_ALLOWED);
            return;
        }
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = HttpExchanges.MAPPER.readTree(in.readNBytes(ApiRoutes.MAX_BODY_BYTES));
        } catch (IOException e) {
            body = null;
        }
        JsonNode seconds = body == null ? null : body.get("advanceSeconds");
        if (seconds == null || !seconds.canConvertToLong() || !seconds.isIntegralNumber()
                || seconds.asLong() < 0 || seconds.asLong() > MAX_ADVANCE_SECONDS) {
            sendInvalidField(exchange, "advanceSeconds", "advanceSeconds must be a whole number of seconds from 0 to "
                    + MAX_ADVANCE_SECONDS + "; the clock only moves forward.");
            return;
        }
        HttpExchanges.sendJson(exchange, 200, clockJson(clock.advance(seconds.asLong())));
    }

    private static ObjectNode clockJson(Instant now) {
        ObjectNode json = HttpExchanges.MAPPER.createObjectNode();
        json.put("now", now.toString());
        return json;
    }

    private void handleCaptchaAnswer(HttpExchange exchange, String path) throws IOException {
        Matcher matcher = CAPTCHA_ANSWER.matcher(path);
        matcher.matches();
        Optional<Secret> answer = captchas.answer(matcher.group(1));
        if (answer.isEmpty()) {
            HttpExchanges.sendError(exchange, ErrorCode.RESET_NOT_FOUND);
            return;
        }
        ObjectNode json = HttpExchanges.MAPPER.createObjectNode();
        json.put("answer", answer.get().reveal());
        HttpExchanges.sendJson(exchange, 200, json);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
