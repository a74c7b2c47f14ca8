package dev.sspr.template;

import static dev.sspr.template.ApiGatewayFakes.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sspr.template.ApiGatewayFakes.Rendered;
import dev.sspr.template.ApiGatewayFakes.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders the API Gateway mapping templates of template.yaml with Velocity and checks the
 * StartSyncExecution request they build and the API response they make of its result.
 */
class ApiMappingTemplatesTest {
    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    private static final String STATE_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:reset";
    private static final String SITE = "https://d111111abcdef8.cloudfront.net";
    private static final Map<String, String> STAGE = Map.of("stateMachineArn", STATE_MACHINE, "siteOrigin", SITE);
    private static final String WAF_MARK = "5f0c1e2a-3b4c-11ef-9a6b-0a1b2c3d4e5f";
    private static final Map<String, String> WAF_STAGE = Map.of("stateMachineArn", STATE_MACHINE, "siteOrigin", SITE,
            "wafCaptchaMark", WAF_MARK);

    private static JsonNode template;
    private static String requestTemplate;
    private static String responseTemplate;
    private static String audioResponseTemplate;

    @BeforeAll
    static void readTemplate() throws IOException {
        template = new YAMLMapper().readTree(Files.readString(TEMPLATE));
        JsonNode mappings = template.path("Mappings").path("ApiMappingTemplates").path("StartSyncExecution");
        requestTemplate = mappings.path("Request").asText();
        responseTemplate = mappings.path("Response").asText();
        audioResponseTemplate = mappings.path("AudioResponse").asText();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "POST, /v1/resets, start",
        "POST, /v1/resets/{resetId}/captcha, refreshCaptcha",
        "GET, /v1/resets/{resetId}/captcha/audio, captchaAudio",
        "POST, /v1/resets/{resetId}/cancel, cancel",
        "POST, /v1/resets/{resetId}/identify, identify",
        "POST, /v1/resets/{resetId}/challenge, challenge",
        "POST, /v1/resets/{resetId}/verify, verify",
        "POST, /v1/resets/{resetId}/password, password",
        "GET, /v1/password-policy, passwordPolicy",
        "GET, /v1/config, config",
        "POST, /v1/signin, signin",
        "GET, /v1/devices/{deviceId}/challenges, devicePending",
        "POST, /v1/devices/{deviceId}/challenges/{challengeId}, deviceRespond"})
    void request_routeSelectsAction(String method, String resourcePath, String action) throws Exception {
        Request request = new Request();
        request.httpMethod = method;
        request.resourcePath = resourcePath;

        JsonNode input = executionInput(request);

        assertEquals(action, input.path("action").asText());
    }

    @Test
    void routes_allUseSharedTemplates() {
        List<String> operations = operations();

        assertEquals(List.of(
                "post /v1/resets",
                "post /v1/resets/{resetId}/captcha",
                "get /v1/resets/{resetId}/captcha/audio",
                "post /v1/resets/{resetId}/cancel",
                "post /v1/resets/{resetId}/identify",
                "post /v1/resets/{resetId}/challenge",
                "post /v1/resets/{resetId}/verify",
                "post /v1/resets/{resetId}/password",
                "get /v1/password-policy",
                "get /v1/config",
                "post /v1/signin",
                "get /v1/devices/{deviceId}/challenges",
                "post /v1/devices/{deviceId}/challenges/{challengeId}"), operations);
        JsonNode paths = template.at("/Resources/ResetApi/Properties/DefinitionBody/paths");
        for (String operation : operations) {
            String[] parts = operation.split(" ");
            JsonNode integration = paths.path(parts[1]).path(parts[0]).path("x-amazon-apigateway-integration");
            assertEquals("[\"ApiMappingTemplates\",\"StartSyncExecution\",\"Request\"]",
                    integration.at("/requestTemplates/application~1json").toString(), operation);
            String response = operation.endsWith("/captcha/audio") ? "AudioResponse" : "Response";
            assertEquals("[\"ApiMappingTemplates\",\"StartSyncExecution\",\"" + response + "\"]",
                    integration.at("/responses/default/responseTemplates/application~1json").toString(), operation);
            assertEquals("never", integration.path("passthroughBehavior").asText(), operation);
        }
    }

    @Test
    void request_namesExecutionAfterRequestId() throws Exception {
        Request request = new Request();

        JsonNode startRequest = JSON.readTree(ApiGatewayFakes.render(requestTemplate, request, STAGE).text());

        assertEquals(STATE_MACHINE, startRequest.path("stateMachineArn").asText());
        assertEquals(request.requestId, startRequest.path("name").asText());
        assertEquals(3, startRequest.size());
    }

    @Test
    void request_carriesBodyWithAwkwardCharacters() throws Exception {
        ObjectNode body = JSON.createObjectNode()
                .put("username", "O'Brien \"the\" \\ admin / é \u2603 \n\t<script> $context.requestId #set($x = 1)")
                .put("captcha", "AB12CD");
        body.putArray("list").add(1).add(true).addNull();
        Request request = new Request();
        request.resourcePath = "/v1/resets/{resetId}/identify";
        request.pathParameters.put("resetId", "r-123");
        request.body = JSON.writeValueAsString(body);

        JsonNode input = executionInput(request);

        assertEquals(body, input.path("body"));
        assertEquals("r-123", input.path("resetId").asText());
    }

    @Test
    void request_escapesResetIdAndUserAgent() throws Exception {
        Request request = new Request();
        request.resourcePath = "/v1/resets/{resetId}/verify";
        request.pathParameters.put("resetId", "a\"b'c\\d/é");
        request.userAgent = "Agent \"quoted\" it's \\ ok";

        JsonNode input = executionInput(request);

        assertEquals("a\"b'c\\d/é", input.path("resetId").asText());
        assertEquals("Agent \"quoted\" it's \\ ok", input.at("/requestContext/userAgent").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x-amzn-waf-sspr-captcha", "X-Amzn-Waf-Sspr-Captcha"})
    void request_matchingWafMark_passesCaptcha(String headerName) throws Exception {
        Request request = identifyRequest();
        request.headers.put(headerName, WAF_MARK);

        JsonNode input = executionInput(request, WAF_STAGE);

        assertTrue(input.at("/requestContext/wafCaptcha").asBoolean(false), input.toString());
    }

    @ParameterizedTest
    @CsvSource(value = {"wrong-mark-0000-0000-0000-000000000000", "''", "off", "true"}, quoteCharacter = '\'')
    void request_wafMarkNotMatching_doesNotPassCaptcha(String sent) throws Exception {
        Request request = identifyRequest();
        request.headers.put("x-amzn-waf-sspr-captcha", sent);

        JsonNode input = executionInput(request, WAF_STAGE);

        assertTrue(input.at("/requestContext/wafCaptcha").isBoolean(), input.toString());
        assertFalse(input.at("/requestContext/wafCaptcha").asBoolean(true), input.toString());
    }

    @Test
    void request_builtInStageValue_neverPassesCaptcha() throws Exception {
        Request request = identifyRequest();
        request.headers.put("x-amzn-waf-sspr-captcha", "off");

        JsonNode input = executionInput(request, Map.of("stateMachineArn", STATE_MACHINE, "siteOrigin", SITE,
                "wafCaptchaMark", "off"));

        assertFalse(input.at("/requestContext/wafCaptcha").asBoolean(true), input.toString());
    }

    @Test
    void request_withoutWafHeader_doesNotPassCaptcha() throws Exception {
        JsonNode input = executionInput(identifyRequest(), WAF_STAGE);

        assertFalse(input.at("/requestContext/wafCaptcha").asBoolean(true), input.toString());
    }

    @Test
    void stage_wafMark_isGeneratedSecret() {
        JsonNode mark = template.at("/Resources/ResetApi/Properties/Variables/wafCaptchaMark");
        JsonNode inserted = wafCaptchaRule().at("/1/Action/Captcha/CustomRequestHandling/InsertHeaders/0");

        // The YAML reader drops short-form tags such as !If, leaving their argument lists.
        assertEquals("UseWafCaptcha", mark.get(0).asText());
        assertTrue(mark.get(1).asText().contains("{{resolve:secretsmanager:${WafCaptchaMarkSecret}"), mark.toString());
        assertEquals("sspr-captcha", inserted.path("Name").asText());
        assertEquals(mark.get(1), inserted.path("Value"));
        assertEquals("off", mark.get(2).asText());
    }

    private static JsonNode wafCaptchaRule() {
        for (JsonNode rule : template.at("/Resources/ApiWebAcl/Properties/Rules")) {
            if (rule.isArray() && "UseWafCaptcha".equals(rule.get(0).asText())
                    && "CaptchaOnIdentify".equals(rule.get(1).path("Name").asText())) {
                return rule;
            }
        }
        throw new AssertionError("no rule CaptchaOnIdentify under condition UseWafCaptcha");
    }

    private static Request identifyRequest() {
        Request request = new Request();
        request.resourcePath = "/v1/resets/{resetId}/identify";
        request.pathParameters.put("resetId", "r-1");
        request.body = "{\"username\": \"cs0101\"}";
        return request;
    }

    @Test
    void request_withoutResetIdSendsNull() throws Exception {
        JsonNode input = executionInput(new Request());

        assertTrue(input.path("resetId").isNull(), input.toString());
    }

    @Test
    void request_getSendsEmptyBody() throws Exception {
        Request request = new Request();
        request.httpMethod = "GET";
        request.resourcePath = "/v1/password-policy";
        request.body = "";

        JsonNode input = executionInput(request);

        assertEquals(JSON.createObjectNode(), input.path("body"));
    }

    @Test
    void request_postWithoutBodySendsEmptyBody() throws Exception {
        Request request = new Request();
        request.body = "";

        JsonNode input = executionInput(request);

        assertEquals(JSON.createObjectNode(), input.path("body"));
        assertTrue(input.path("device").isMissingNode(), input.toString());
    }

    @Test
    void request_deviceRespondCarriesSignedParts() throws Exception {
        String rawBody = "{ \"decision\" : \"approve\", \"number\": \"42\", \"note\": \"it's \\\"ok\\\" \u00e9\" }";
        Request request = new Request();
        request.resourcePath = "/v1/devices/{deviceId}/challenges/{challengeId}";
        request.pathParameters.put("deviceId", "device-1");
        request.pathParameters.put("challengeId", "ch_9");
        request.headers.put("X-Device-Timestamp", "2026-03-02T10:00:00Z");
        request.headers.put("x-device-signature", "MEUCIQ+/abc==");
        request.body = rawBody;

        JsonNode input = executionInput(request);

        assertEquals("deviceRespond", input.path("action").asText());
        assertTrue(input.path("resetId").isNull(), input.toString());
        assertEquals(JSON.readTree(rawBody), input.path("body"));
        JsonNode device = input.path("device");
        assertEquals("device-1", device.path("deviceId").asText());
        assertEquals("ch_9", device.path("challengeId").asText());
        assertEquals("POST", device.path("httpMethod").asText());
        assertEquals("/v1/devices/device-1/challenges/ch_9", device.path("path").asText());
        assertEquals(rawBody, device.path("rawBody").asText());
        assertEquals("2026-03-02T10:00:00Z", device.path("timestamp").asText());
        assertEquals("MEUCIQ+/abc==", device.path("signature").asText());
        assertEquals(7, device.size());
    }

    @Test
    void request_devicePendingWithoutSignature() throws Exception {
        Request request = new Request();
        request.httpMethod = "GET";
        request.resourcePath = "/v1/devices/{deviceId}/challenges";
        request.pathParameters.put("deviceId", "device-1");
        request.body = "";

        JsonNode device = executionInput(request).path("device");

        assertEquals("/v1/devices/device-1/challenges", device.path("path").asText());
        assertTrue(device.path("challengeId").isNull(), device.toString());
        assertEquals("", device.path("rawBody").asText());
        assertTrue(device.path("timestamp").isNull(), device.toString());
        assertTrue(device.path("signature").isNull(), device.toString());
    }

    @Test
    void request_takesSourceIpFromViewerHeader() throws Exception {
        Request request = new Request();
        request.headers.put("X-Viewer-IP", "203.0.113.7");
        request.queryString.put("X-Viewer-IP", "198.51.100.1");

        JsonNode context = executionInput(request).path("requestContext");

        assertEquals("203.0.113.7", context.path("sourceIp").asText());
        assertEquals(new Request().requestId, context.path("requestId").asText());
        assertEquals("Mozilla/5.0", context.path("userAgent").asText());
        assertFalse(context.path("wafCaptcha").asBoolean(true));
        assertEquals(4, context.size());
    }

    @Test
    void request_lowercaseViewerHeaderIsRead() throws Exception {
        Request request = new Request();
        request.headers.put("x-viewer-ip", "2001:db8::7");

        assertEquals("2001:db8::7", executionInput(request).at("/requestContext/sourceIp").asText());
    }

    @Test
    void request_withoutViewerHeaderUsesConnectionIp() throws Exception {
        Request request = new Request();
        request.queryString.put("X-Viewer-IP", "198.51.100.1");

        assertEquals("130.176.0.10", executionInput(request).at("/requestContext/sourceIp").asText());
    }

    @Test
    void response_usesOutputStatusAndBody() throws Exception {
        String output = "{\"statusCode\":201,\"body\":{\"resetId\":\"r-1\",\"captcha\":{\"image\":\"data:image/png;base64,iVBO\"},"
                + "\"note\":\"a } and \\\"statusCode\\\": 500 inside a string\"}}";

        Rendered rendered = respond("SUCCEEDED", output);

        assertEquals(201, rendered.status());
        assertEquals(JSON.readTree(output).path("body"), JSON.readTree(rendered.text()));
        assertEquals("no-store", rendered.headers().get("Cache-Control"));
        assertEquals(SITE, rendered.headers().get("Access-Control-Allow-Origin"));
    }

    @Test
    void response_acceptsBodyBeforeStatus() throws Exception {
        String output = "{\"body\":{\"error\":\"step_not_allowed\",\"stage\":\"VERIFY_1\"},\"statusCode\":403}";

        Rendered rendered = respond("SUCCEEDED", output);

        assertEquals(403, rendered.status());
        assertEquals(JSON.readTree(output).path("body"), JSON.readTree(rendered.text()));
    }

    @Test
    void response_acceptsIndentedOutput() throws Exception {
        String output = "{\n  \"statusCode\" : 200,\n  \"body\" : {\n    \"stage\" : \"DONE\"\n  }\n}";

        Rendered rendered = respond("SUCCEEDED", output);

        assertEquals(200, rendered.status());
        assertEquals(JSON.readTree("{\"stage\":\"DONE\"}"), JSON.readTree(rendered.text()));
    }

    @Test
    void response_failedExecutionIsInternalError() throws Exception {
        Rendered rendered = respond("FAILED", null);

        assertInternalError(rendered);
    }

    @Test
    void response_timedOutExecutionIsInternalError() throws Exception {
        Rendered rendered = respond("TIMED_OUT", null);

        assertInternalError(rendered);
    }

    @Test
    void response_unexpectedOutputIsInternalError() throws Exception {
        Rendered rendered = respond("SUCCEEDED", "{\"statusCode\":200,\"body\":\"not an object\"}");

        assertInternalError(rendered);
    }

    @Test
    void response_startExecutionErrorIsInternalError() throws Exception {
        Request request = new Request();
        request.body = "{\"__type\":\"com.amazonaws.swf.service.v2.model#ExecutionLimitExceeded\","
                + "\"message\":\"limit\"}";

        Rendered rendered = ApiGatewayFakes.render(responseTemplate, request, STAGE);

        assertInternalError(rendered);
    }

    @Test
    void audioResponse_sendsWavBase64WithoutWhitespace() throws Exception {
        String wav = Base64.getEncoder().encodeToString("RIFF....WAVEfmt audio bytes \u0000\u00ff".getBytes(
                StandardCharsets.ISO_8859_1));
        String output = "{\"statusCode\":200,\"body\":{\"audio\":\"" + wav + "\",\"contentType\":\"audio/wav\"}}";

        Rendered rendered = respondAudio("SUCCEEDED", output);

        assertEquals(wav, rendered.text());
        assertEquals(200, rendered.status());
        assertEquals("audio/wav", rendered.headers().get("Content-Type"));
        assertEquals("no-store", rendered.headers().get("Cache-Control"));
    }

    @Test
    void audioResponse_contentTypeFirst_sendsWav() throws Exception {
        String output = "{\"body\":{\"contentType\":\"audio/wav\",\"audio\":\"UklGRg==\"},\"statusCode\":200}";

        Rendered rendered = respondAudio("SUCCEEDED", output);

        assertEquals("UklGRg==", rendered.text());
    }

    @Test
    void audioResponse_errorIsBase64Json() throws Exception {
        String output = "{\"statusCode\":429,\"body\":{\"error\":\"rate_limited\",\"retryAfter\":\"2026-03-02T10:05:00Z\","
                + "\"reason\":\"captcha_audio_plays\"}}";

        Rendered rendered = respondAudio("SUCCEEDED", output);

        assertEquals(429, rendered.status());
        assertEquals("application/json", rendered.headers().get("Content-Type"));
        assertEquals(JSON.readTree(output).path("body"), JSON.readTree(Base64.getDecoder().decode(rendered.text())));
    }

    @Test
    void audioResponse_failedExecutionIsBase64InternalError() throws Exception {
        Rendered rendered = respondAudio("FAILED", null);

        JsonNode body = JSON.readTree(Base64.getDecoder().decode(rendered.text()));
        assertEquals(500, rendered.status());
        assertEquals("internal_error", body.path("error").asText());
        assertEquals(new Request().requestId, body.path("reference").asText());
        assertEquals("application/json", rendered.headers().get("Content-Type"));
    }

    @Test
    void audioRoute_convertsTemplateOutputToBinary() {
        JsonNode integration = template.at("/Resources/ResetApi/Properties/DefinitionBody/paths")
                .path("/v1/resets/{resetId}/captcha/audio").path("get").path("x-amazon-apigateway-integration");

        assertEquals("CONVERT_TO_BINARY", integration.at("/responses/default/contentHandling").asText());
    }

    private static Rendered respondAudio(String status, String output) throws Exception {
        ObjectNode result = JSON.createObjectNode().put("status", status);
        if (output != null) {
            result.put("output", output);
        }
        Request request = new Request();
        request.body = JSON.writeValueAsString(result);
        return ApiGatewayFakes.render(audioResponseTemplate, request, STAGE);
    }

    private static void assertInternalError(Rendered rendered) throws Exception {
        JsonNode body = JSON.readTree(rendered.text());
        assertEquals(500, rendered.status());
        assertEquals("internal_error", body.path("error").asText());
        assertEquals(new Request().requestId, body.path("reference").asText());
        assertFalse(body.path("message").asText().isBlank());
        assertEquals("no-store", rendered.headers().get("Cache-Control"));
    }

    /** Renders the response template for a StartSyncExecution result with this status and output. */
    private static Rendered respond(String status, String output) throws Exception {
        ObjectNode result = JSON.createObjectNode()
                .put("executionArn", "arn:aws:states:us-east-1:123456789012:express:reset:name:id")
                .put("status", status);
        if (output != null) {
            result.put("output", output);
        }
        Request request = new Request();
        request.body = JSON.writeValueAsString(result);
        return ApiGatewayFakes.render(responseTemplate, request, STAGE);
    }

    /** Renders the request template and parses the execution input out of the StartSyncExecution request. */
    private static JsonNode executionInput(Request request) throws Exception {
        return executionInput(request, STAGE);
    }

    private static JsonNode executionInput(Request request, Map<String, String> stage) throws Exception {
        String rendered = ApiGatewayFakes.render(requestTemplate, request, stage).text();
        JsonNode startRequest = JSON.readTree(rendered);
        return JSON.readTree(startRequest.path("input").asText());
    }

    /** Lists the API's operations as "method path", in template order, leaving out CORS options. */
    private static List<String> operations() {
        List<String> operations = new ArrayList<>();
        JsonNode paths = template.at("/Resources/ResetApi/Properties/DefinitionBody/paths");
        for (Iterator<Map.Entry<String, JsonNode>> pathIt = paths.fields(); pathIt.hasNext();) {
            Map.Entry<String, JsonNode> path = pathIt.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                String method = methods.next();
                if (!"parameters".equals(method)) {
                    operations.add(method + " " + path.getKey());
                }
            }
        }
        return operations;
    }
}
