package dev.sspr.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sspr.core.ResetCore;
import dev.sspr.handler.CaptchaHandler;
import dev.sspr.handler.IdentifyHandler;
import dev.sspr.handler.LoadSessionHandler;
import dev.sspr.handler.PublicInfoHandler;
import dev.sspr.handler.PushDeviceHandler;
import dev.sspr.handler.SendCodeHandler;
import dev.sspr.handler.SetPasswordHandler;
import dev.sspr.handler.SignInHandler;
import dev.sspr.handler.VerifyCodeHandler;
import dev.sspr.local.asl.ExecutionResult;
import dev.sspr.local.asl.StateMachine;
import dev.sspr.local.asl.TaskFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Plays the part of API Gateway and Step Functions: runs the real state machine definition for
 * each request, with every Task calling the same handler class that Lambda would run.
 */
public final class StateMachineGateway {
    /** The definition inside the runner's jar, copied from statemachine/ by the build. */
    public static final String DEFINITION_RESOURCE = "/statemachine/reset.asl.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP_TYPE = new TypeReference<>() {
    };

    private final StateMachine stateMachine;

    /** A response as the API returns it: an HTTP status and a JSON body. */
    public record Response(int status, JsonNode body) {
    }

    public StateMachineGateway(ResetCore core) {
        Map<String, RequestHandler<Map<String, Object>, Map<String, Object>>> handlers = new LinkedHashMap<>();
        handlers.put("Captcha", new CaptchaHandler(core));
        handlers.put("Identify", new IdentifyHandler(core));
        handlers.put("SendCode", new SendCodeHandler(core));
        handlers.put("VerifyCode", new VerifyCodeHandler(core));
        handlers.put("SetPassword", new SetPasswordHandler(core));
        handlers.put("SignIn", new SignInHandler(core));
        handlers.put("PublicInfo", new PublicInfoHandler(core));
        handlers.put("LoadSession", new LoadSessionHandler(core));
        handlers.put("PushDevice", new PushDeviceHandler(core));

        Map<String, String> substitutions = new LinkedHashMap<>();
        Map<String, RequestHandler<Map<String, Object>, Map<String, Object>>> byResource = new LinkedHashMap<>();
        handlers.forEach((name, handler) -> {
            String resource = "arn:aws:lambda:local:000000000000:function:sspr-" + name;
            substitutions.put(name + "FunctionArn", resource);
            byResource.put(resource, handler);
        });
        this.stateMachine = StateMachine.parse(readDefinition(), substitutions, (resource, input) -> {
            RequestHandler<Map<String, Object>, Map<String, Object>> handler = byResource.get(resource);
            if (handler == null) {
                throw new TaskFailedException("Lambda.ResourceNotFoundException", "No function for " + resource);
            }
            Map<String, Object> output = handler.handleRequest(MAPPER.convertValue(input, MAP_TYPE), null);
            return MAPPER.valueToTree(output);
        });
    }

    /** Runs one API request through the state machine and returns the response it maps to. */
    public Response execute(String action, String resetId, JsonNode body, String sourceIp, String userAgent) {
        return execute(action, resetId, body, null, sourceIp, userAgent);
    }

    /**
     * Runs one API request, with the signed parts of an authenticator app's request under
     * {@code device}, as the API Gateway request template passes them.
     */
    public Response execute(String action, String resetId, JsonNode body, ObjectNode device, String sourceIp,
            String userAgent) {
        return execute(action, resetId, body, device, sourceIp, userAgent, false);
    }

    /**
     * Runs one API request; {@code wafCaptchaPassed} is the mark the request template sets when
     * WAF's CAPTCHA rule let the request through.
     */
    public Response execute(String action, String resetId, JsonNode body, ObjectNode device, String sourceIp,
            String userAgent, boolean wafCaptchaPassed) {
        String requestId = UUID.randomUUID().toString();
        ObjectNode input = MAPPER.createObjectNode();
        input.put("action", action);
        input.put("resetId", resetId);
        input.set("body", body == null ? MAPPER.createObjectNode() : body);
        if (device != null) {
            input.set("device", device);
        }
        ObjectNode caller = input.putObject("requestContext");
        caller.put("requestId", requestId);
        caller.put("sourceIp", sourceIp);
        caller.put("userAgent", userAgent);
        caller.put("wafCaptcha", wafCaptchaPassed);

        ExecutionResult result = stateMachine.execute(input, requestId);
        if (result.status() != ExecutionResult.Status.SUCCEEDED) {
            return internalError(requestId, result);
        }
        JsonNode output = result.output();
        return new Response(output.path("statusCode").asInt(500), output.path("body"));
    }

    private static Response internalError(String reference, ExecutionResult result) {
        System.out.println("{\"level\":\"ERROR\",\"event\":\"execution_failed\",\"reference\":\"" + reference
                + "\",\"error\":" + quote(result.error()) + "}");
        ObjectNode body = MAPPER.createObjectNode();
        body.put("error", "internal_error");
        body.put("message", "Something went wrong on our side. Try again, and quote the reference if you"
                + " contact your administrator.");
        body.put("reference", reference);
        return new Response(500, body);
    }

    private static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (IOException e) {
            return "null";
        }
    }

    private static String readDefinition() {
        try (InputStream in = StateMachineGateway.class.getResourceAsStream(DEFINITION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The state machine definition " + DEFINITION_RESOURCE
                        + " is missing from the classpath; rebuild with mvn package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Failed to read " + DEFINITION_RESOURCE, e);
        }
    }
}
