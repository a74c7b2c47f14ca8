package dev.sspr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sspr.core.totp.Base32;
import dev.sspr.core.totp.TotpVerifier;
import dev.sspr.local.ApiClient.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local runner with {@code --captcha waf}: it emulates AWS WAF's CAPTCHA rule in front of
 * identify, and the real state machine and core trust only the mark it adds.
 */
class WafCaptchaEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEW_PASSWORD = "Correct-Horse-Battery-42!";

    private LocalRunner runner;
    private ApiClient api;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startRunner() throws Exception {
        runner = LocalRunner.start(LocalOptions.parse(List.of("--port", "0", "--dev-clock", "--captcha", "waf")));
        api = new ApiClient(runner.baseUri());
    }

    @AfterEach
    void stopRunner() {
        runner.close();
    }

    @Test
    void config_namesStandInScriptAndKey() {
        JsonNode captcha = api.get("v1/config").body().path("captcha");

        assertEquals("waf", captcha.path("provider").asText());
        assertEquals(LocalWafCaptcha.SCRIPT_PATH, captcha.path("scriptUrl").asText());
        assertEquals(LocalWafCaptcha.API_KEY, captcha.path("apiKey").asText());
    }

    @Test
    void start_hasNoPicture() {
        Reply started = api.post("v1/resets", "{}");

        assertEquals(201, started.status());
        assertEquals("{\"provider\":\"waf\"}", started.body().path("captcha").toString());
    }

    @Test
    void standInScript_isServed() throws Exception {
        HttpResponse<String> script = http.send(HttpRequest.newBuilder(runner.baseUri().resolve("dev/waf/jsapi.js"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("AwsWafCaptcha"), "the stand-in defines WAF's CAPTCHA object");
    }

    @Test
    void identify_withoutToken_getsWafCaptchaAnswer() throws Exception {
        HttpResponse<String> reply = identify(api.post("v1/resets", "{}").text("resetId"), null, null);

        assertEquals(405, reply.statusCode());
        assertEquals("captcha", reply.headers().firstValue("x-amzn-waf-action").orElse(""));
    }

    @Test
    void identify_withForgedToken_getsWafCaptchaAnswer() throws Exception {
        String token = issueToken();
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        HttpResponse<String> reply = identify(api.post("v1/resets", "{}").text("resetId"), forged, null);

        assertEquals(405, reply.statusCode());
    }

    @Test
    void identify_withToken_continuesToVerification() throws Exception {
        HttpResponse<String> reply = identify(api.post("v1/resets", "{}").text("resetId"), issueToken(), null);

        assertEquals(200, reply.statusCode(), reply.body());
        assertEquals("VERIFY_1", JSON.readTree(reply.body()).path("stage").asText());
    }

    @Test
    void identify_withTokenInWafCookie_continues() throws Exception {
        HttpResponse<String> reply = identify(api.post("v1/resets", "{}").text("resetId"), null,
                "theme=dark; aws-waf-token=" + issueToken());

        assertEquals(200, reply.statusCode(), reply.body());
    }

    @Test
    void token_canBeUsedAgainWithinImmunityTime() throws Exception {
        String token = issueToken();
        identify(api.post("v1/resets", "{}").text("resetId"), token, null);

        HttpResponse<String> second = identify(api.post("v1/resets", "{}").text("resetId"), token, null);

        assertEquals(200, second.statusCode(), "WAF tokens are not single use; the stand-in behaves the same");
    }

    @Test
    void token_expiresAfterImmunityTime() throws Exception {
        String token = issueToken();
        String resetId = api.post("v1/resets", "{}").text("resetId");
        api.post("dev/clock", Map.of("advanceSeconds", LocalWafCaptcha.IMMUNITY.toSeconds()));

        HttpResponse<String> reply = identify(resetId, token, null);

        assertEquals(405, reply.statusCode());
    }

    @Test
    void token_justBeforeImmunityEnds_isAccepted() throws Exception {
        String token = issueToken();
        String resetId = api.post("v1/resets", "{}").text("resetId");
        api.post("dev/clock", Map.of("advanceSeconds", LocalWafCaptcha.IMMUNITY.toSeconds() - 1));

        HttpResponse<String> reply = identify(resetId, token, null);

        assertEquals(200, reply.statusCode(), reply.body());
    }

    @Test
    void tokenEndpoint_wrongApiKey_isRefused() {
        Reply reply = api.post("dev/waf/token", Map.of("apiKey", "someone-elses-key"));

        assertEquals(400, reply.status());
        assertFalse(reply.body().has("token"));
        assertEquals("apiKey", reply.text("field"));
    }

    @Test
    void tokenEndpoint_malformedBody_isRefused() {
        Reply reply = api.post("dev/waf/token", "{not json");

        assertEquals(400, reply.status());
    }

    @Test
    void identify_typedCaptchaWithToken_isRejected() throws Exception {
        HttpResponse<String> reply = send(api.post("v1/resets", "{}").text("resetId"),
                "{\"username\": \"cs0101\", \"captcha\": \"ABCDEF\"}", issueToken());

        assertEquals(400, reply.statusCode());
        assertEquals("captcha", JSON.readTree(reply.body()).path("field").asText());
    }

    @Test
    void captchaPictureAndAudio_areNotUsed() throws Exception {
        String resetId = api.post("v1/resets", "{}").text("resetId");

        Reply refresh = api.post("v1/resets/" + resetId + "/captcha", "{}");
        Reply audio = api.get("v1/resets/" + resetId + "/captcha/audio");

        assertEquals("captcha_not_used", refresh.text("error"));
        assertEquals("captcha_not_used", audio.text("error"));
    }

    @Test
    void otherSteps_needNoToken() {
        String resetId = api.post("v1/resets", "{}").text("resetId");

        Reply challenge = api.post("v1/resets/" + resetId + "/challenge", Map.of("method", "sms",
                "phoneNumber", "2055550133"));

        assertEquals(403, challenge.status(), "out of order, and not stopped by the CAPTCHA stand-in");
    }

    @Test
    void builtInRunner_hasNoTokenEndpoint() throws Exception {
        try (LocalRunner builtIn = LocalRunner.start(new LocalOptions(0, false, false, null))) {
            ApiClient builtInApi = new ApiClient(builtIn.baseUri());

            assertEquals(404, builtInApi.post("dev/waf/token", Map.of("apiKey", LocalWafCaptcha.API_KEY)).status());
            assertEquals(404, builtInApi.get("dev/waf/jsapi.js").status());
        }
    }

    @Test
    void reset_completesWithWafCaptcha() throws Exception {
        String resetId = api.post("v1/resets", "{}").text("resetId");
        assertEquals(200, identify(resetId, issueToken(), null).statusCode());
        String step = "v1/resets/" + resetId + "/";
        assertEquals(202, api.post(step + "challenge", Map.of("method", "sms", "phoneNumber", "2055550133")).status());
        Reply first = api.post(step + "verify", Map.of("method", "sms",
                "code", api.latestSmsCode(DemoDirectory.FULL_USER_PHONE)));
        assertEquals("VERIFY_2", first.text("stage"), first.toString());
        long totpStep = Instant.parse(api.get("dev/clock").text("now")).getEpochSecond() / 30;
        Reply second = api.post(step + "verify", Map.of("method", "totp",
                "code", TotpVerifier.codeAt(Base32.decode(DemoDirectory.FULL_USER_TOTP_SECRET), totpStep)));
        assertEquals("NEW_PASSWORD", second.text("stage"), second.toString());

        Reply done = api.post(step + "password", Map.of("newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));

        assertEquals("DONE", done.text("stage"), done.toString());
    }

    private String issueToken() {
        Reply reply = api.post("dev/waf/token", Map.of("apiKey", LocalWafCaptcha.API_KEY));
        assertEquals(200, reply.status(), reply.toString());
        return reply.text("token");
    }

    private HttpResponse<String> identify(String resetId, String token, String cookie) throws Exception {
        HttpRequest.Builder request = identifyRequest(resetId, "{\"username\": \"cs0101\"}", token);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String resetId, String body, String token) throws IOException, InterruptedException {
        return http.send(identifyRequest(resetId, body, token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder identifyRequest(String resetId, String body, String token) {
        URI uri = runner.baseUri().resolve("v1/resets/" + resetId + "/identify");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("x-aws-waf-token", token);
        }
        return request;
    }
}
