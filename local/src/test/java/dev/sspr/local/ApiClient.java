package dev.sspr.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sspr.core.DeviceSignatures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small HTTP client for the local runner's API, used by the end-to-end tests. */
final class ApiClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern SIX_DIGITS = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");

    /** A response status and its parsed JSON body. */
    record Reply(int status, JsonNode body) {
        String text(String field) {
            return body.path(field).asText();
        }
    }

    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    ApiClient(URI base) {
        this.base = base;
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply post(String path, Object body) {
        try {
            return post(path, MAPPER.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request signed as the demo device signs it. */
    Reply signed(String method, String path, String body, PrivateKey key, long timestamp) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key);
            signer.update(DeviceSignatures.signedText(method, path, timestamp, body)
                    .getBytes(StandardCharsets.UTF_8));
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.substring(1)))
                    .header("X-Device-Timestamp", String.valueOf(timestamp))
                    .header("X-Device-Signature", Base64.getEncoder().encodeToString(signer.sign()));
            if (method.equals("GET")) {
                request.GET();
            } else {
                request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            }
            return send(request);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> raw(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI resolve(String path) {
        return base.resolve(path);
    }

    /** Returns the code in the newest outbox message, which must be an SMS to {@code phone}. */
    String latestSmsCode(String phone) {
        JsonNode messages = get("dev/outbox").body();
        JsonNode last = messages.get(messages.size() - 1);
        if (!"sms".equals(last.path("channel").asText()) || !phone.equals(last.path("to").asText())) {
            throw new AssertionError("The newest outbox message is not an SMS to " + phone + ": " + last);
        }
        Matcher matcher = SIX_DIGITS.matcher(last.path("text").asText());
        if (!matcher.find()) {
            throw new AssertionError("The newest SMS carries no six-digit code");
        }
        return matcher.group(1);
    }

    int outboxSize() {
        return get("dev/outbox").body().size();
    }

    void advanceClock(long seconds) {
        Reply reply = post("dev/clock", "{\"advanceSeconds\": " + seconds + "}");
        if (reply.status() != 200) {
            throw new AssertionError("Moving the clock failed: " + reply);
        }
    }

    private Reply send(HttpRequest.Builder request) {
        HttpResponse<String> response = raw(request);
        try {
            JsonNode body = response.body().isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(response.body());
            return new Reply(response.statusCode(), body);
        } catch (IOException e) {
            throw new AssertionError("Response is not JSON: " + response.body(), e);
        }
    }
}
