package dev.sspr.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.lang.StringEscapeUtils;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;

/**
 * Renders API Gateway mapping templates with Apache Velocity 1.7 and stand-ins for the
 * {@code $input}, {@code $util}, {@code $context} and {@code $stageVariables} variables that API
 * Gateway provides. {@code $util.escapeJavaScript} uses Commons Lang 2's escapeJavaScript, which,
 * like API Gateway's, turns ' into \'. API Gateway's own engine may differ in other details.
 */
final class ApiGatewayFakes {
    static final ObjectMapper JSON = new ObjectMapper();

    private ApiGatewayFakes() {
    }

    /** A rendered template and the response overrides it set. */
    record Rendered(String text, Object status, Map<String, Object> headers) {
    }

    /** The parts of an API request that a mapping template can read. */
    static final class Request {
        String httpMethod = "POST";
        String resourcePath = "/v1/resets";
        String body = "{}";
        String requestId = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";
        String sourceIp = "130.176.0.10";
        String userAgent = "Mozilla/5.0";
        Map<String, String> pathParameters = new HashMap<>();
        Map<String, String> headers = new HashMap<>();
        Map<String, String> queryString = new HashMap<>();
    }

    static Rendered render(String template, Request request, Map<String, String> stageVariables) {
        VelocityEngine engine = new VelocityEngine();
        engine.setProperty("runtime.log.logsystem.class", "org.apache.velocity.runtime.log.NullLogChute");
        engine.init();

        Map<String, Object> identity = new HashMap<>();
        identity.put("sourceIp", request.sourceIp);
        identity.put("userAgent", request.userAgent);
        Map<String, Object> headers = new LinkedHashMap<>();
        Map<String, Object> responseOverride = new HashMap<>();
        responseOverride.put("header", headers);
        Map<String, Object> context = new HashMap<>();
        context.put("httpMethod", request.httpMethod);
        context.put("resourcePath", request.resourcePath);
        context.put("requestId", request.requestId);
        context.put("identity", identity);
        context.put("responseOverride", responseOverride);

        VelocityContext variables = new VelocityContext();
        variables.put("context", context);
        variables.put("input", new Input(request));
        variables.put("util", new Util());
        variables.put("stageVariables", stageVariables);

        StringWriter out = new StringWriter();
        engine.evaluate(variables, out, "mapping-template", template);
        return new Rendered(out.toString(), responseOverride.get("status"), headers);
    }

    /** Stands in for {@code $input}: the request body and parameters. */
    public static final class Input {
        private final Request request;

        Input(Request request) {
            this.request = request;
        }

        /** Returns the raw request body, which {@code $input.body} reads. */
        public String getBody() {
            return request.body;
        }

        /** Returns the value at a JSONPath of the form $ or $.name, as Java objects. */
        public Object path(String jsonPath) throws Exception {
            JsonNode node = select(jsonPath);
            return node == null || node.isMissingNode() ? null : JSON.treeToValue(node, Object.class);
        }

        /** Returns the value at a JSONPath of the form $ or $.name, as JSON text. */
        public String json(String jsonPath) throws Exception {
            JsonNode node = select(jsonPath);
            return node == null || node.isMissingNode() ? "null" : JSON.writeValueAsString(node);
        }

        public Map<String, Object> params() {
            Map<String, Object> all = new HashMap<>();
            all.put("path", request.pathParameters);
            all.put("querystring", request.queryString);
            all.put("header", request.headers);
            return all;
        }

        /** Looks a name up in the path, then the query string, then the headers. */
        public String params(String name) {
            if (request.pathParameters.containsKey(name)) {
                return request.pathParameters.get(name);
            }
            if (request.queryString.containsKey(name)) {
                return request.queryString.get(name);
            }
            return request.headers.get(name);
        }

        private JsonNode select(String jsonPath) throws Exception {
            JsonNode root = request.body.isBlank() ? JSON.createObjectNode() : JSON.readTree(request.body);
            if ("$".equals(jsonPath)) {
                return root;
            }
            if (jsonPath.startsWith("$.")) {
                return root.path(jsonPath.substring(2));
            }
            throw new IllegalArgumentException("The stand-in supports only $ and $.name, not " + jsonPath);
        }
    }

    /** Stands in for {@code $util}. */
    public static final class Util {
        public String escapeJavaScript(String value) {
            return StringEscapeUtils.escapeJavaScript(value);
        }

        public String base64Encode(String text) {
            return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public Object parseJson(String text) throws Exception {
            return JSON.readValue(text, Object.class);
        }
    }
}
