package dev.sspr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sspr.core.TransientDeliveryException;
import dev.sspr.local.asl.ExecutionResult;
import dev.sspr.local.asl.StateMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Runs statemachine/reset.asl.json with stand-in Tasks, to pin what the definition itself does:
 * routing by action and stage, retries of transient delivery errors and the error answers.
 */
class StateMachineDefinitionTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> TASKS = List.of("Captcha", "Identify", "SendCode", "VerifyCode",
            "SetPassword", "SignIn", "PublicInfo", "LoadSession", "PushDevice");

    private final List<String> called = new ArrayList<>();
    private final Map<String, Function<JsonNode, JsonNode>> behaviour = new LinkedHashMap<>();

    @ParameterizedTest
    @CsvSource({
        "identify, CAPTCHA, Identify",
        "refreshCaptcha, CAPTCHA, Captcha",
        "captchaAudio, CAPTCHA, Captcha",
        "challenge, VERIFY_1, SendCode",
        "challenge, VERIFY_2, SendCode",
        "verify, VERIFY_1, VerifyCode",
        "verify, VERIFY_2, VerifyCode",
        "password, NEW_PASSWORD, SetPassword"})
    void allowedStep_reachesItsHandler(String action, String stage, String task) throws IOException {
        sessionAt(stage);
        JsonNode output = run(action);

        assertEquals(200, output.path("statusCode").asInt());
        assertEquals(List.of("LoadSession", task), called);
    }

    @ParameterizedTest
    @CsvSource({
        "identify, VERIFY_1", "refreshCaptcha, VERIFY_2", "captchaAudio, VERIFY_1", "challenge, CAPTCHA", "challenge, NEW_PASSWORD",
        "verify, CAPTCHA", "verify, DONE", "password, VERIFY_2", "password, DONE", "identify, DONE"})
    void outOfOrderStep_isRefusedBeforeAnyHandler(String action, String stage) throws IOException {
        sessionAt(stage);
        JsonNode output = run(action);

        assertEquals(403, output.path("statusCode").asInt());
        assertEquals("step_not_allowed", output.path("body").path("error").asText());
        assertEquals(stage, output.path("body").path("stage").asText());
        assertEquals(List.of("LoadSession"), called);
    }

    @Test
    void missingSession_isNotFound() throws IOException {
        behaviour.put("LoadSession", input -> MAPPER.createObjectNode().put("found", false));
        JsonNode output = run("verify");

        assertEquals(404, output.path("statusCode").asInt());
        assertEquals("reset_not_found", output.path("body").path("error").asText());
    }

    @Test
    void transientDeliveryError_isRetried() throws IOException {
        sessionAt("VERIFY_1");
        AtomicInteger attempts = new AtomicInteger();
        behaviour.put("SendCode", input -> {
            if (attempts.incrementAndGet() < 3) {
                throw new TransientDeliveryException("provider timed out");
            }
            return answer(202);
        });

        assertEquals(202, run("challenge").path("statusCode").asInt());
        assertEquals(3, attempts.get());
    }

    @Test
    void persistentDeliveryError_becomesDeliveryFailed() throws IOException {
        sessionAt("VERIFY_1");
        behaviour.put("SendCode", input -> {
            throw new TransientDeliveryException("provider down");
        });
        JsonNode output = run("challenge");

        assertEquals(503, output.path("statusCode").asInt());
        assertEquals("delivery_failed", output.path("body").path("error").asText());
        assertEquals("exec-1", output.path("body").path("reference").asText());
    }

    @Test
    void unexpectedTaskFailure_becomesInternalErrorWithoutDetail() throws IOException {
        sessionAt("CAPTCHA");
        behaviour.put("Identify", input -> {
            throw new IllegalStateException("table sspr-users not reachable at 10.1.2.3");
        });
        JsonNode output = run("identify");

        assertEquals(500, output.path("statusCode").asInt());
        assertEquals("internal_error", output.path("body").path("error").asText());
        assertEquals("exec-1", output.path("body").path("reference").asText());
        assertFalse(output.toString().contains("sspr-users"), "no table name in the response");
        assertFalse(output.toString().contains("10.1.2.3"), "no address in the response");
    }

    @ParameterizedTest
    @CsvSource({"start, Captcha", "passwordPolicy, PublicInfo", "config, PublicInfo", "signin, SignIn",
        "devicePending, PushDevice", "deviceRespond, PushDevice"})
    void sessionlessAction_skipsTheSessionLookup(String action, String task) throws IOException {
        JsonNode output = run(action);

        assertEquals(200, output.path("statusCode").asInt());
        assertEquals(List.of(task), called);
    }

    @Test
    void unknownAction_isNotFound() throws IOException {
        JsonNode output = run("deleteEverything");

        assertEquals(404, output.path("statusCode").asInt());
        assertEquals("not_found", output.path("body").path("error").asText());
        assertTrue(called.isEmpty());
    }

    private void sessionAt(String stage) {
        behaviour.put("LoadSession", input -> MAPPER.createObjectNode().put("found", true).put("stage", stage));
    }

    private JsonNode run(String action) throws IOException {
        Map<String, String> substitutions = new LinkedHashMap<>();
        for (String task : TASKS) {
            substitutions.put(task + "FunctionArn", "arn:aws:lambda:local:000000000000:function:" + task);
        }
        StateMachine machine = StateMachine.builder(Files.readString(Path.of("../statemachine/reset.asl.json")),
                (resource, input) -> {
                    String task = resource.substring(resource.lastIndexOf(':') + 1);
                    called.add(task);
                    return behaviour.getOrDefault(task, ignored -> answer(200)).apply(input);
                })
                .substitutions(substitutions)
                .sleeper(duration -> { })
                .build();
        ObjectNode input = MAPPER.createObjectNode();
        input.put("action", action);
        input.put("resetId", "AAAAAAAAAAAAAAAAAAAAAAAA");
        input.putObject("body");
        input.putObject("requestContext").put("requestId", "exec-1");

        ExecutionResult result = machine.execute(input, "exec-1");
        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), result.error() + ": " + result.cause());
        return result.output();
    }

    private static JsonNode answer(int status) {
        ObjectNode output = MAPPER.createObjectNode();
        output.put("statusCode", status);
        output.putObject("body");
        return output;
    }
}
