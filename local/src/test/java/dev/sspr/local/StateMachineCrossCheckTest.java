package dev.sspr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sspr.local.asl.ExecutionResult;
import dev.sspr.local.asl.StateMachine;
import dev.sspr.local.asl.TaskFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the scenarios of scripts/asl-crosscheck-scenarios.json through the project's ASL
 * interpreter. scripts/asl-crosscheck.mjs runs the same file through aws-local-stepfunctions, and
 * both must produce each scenario's expected output, so the two interpreters agree on every
 * scenario.
 */
class StateMachineCrossCheckTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path DEFINITION = Path.of("..", "statemachine", "reset.asl.json");
    private static final Path SCENARIOS = Path.of("..", "scripts", "asl-crosscheck-scenarios.json");
    private static final String RESOURCE_PREFIX = "arn:aws:lambda:us-east-1:000000000000:function:crosscheck-";

    static Stream<String> scenarioNames() throws IOException {
        List<String> names = new ArrayList<>();
        readScenarios().path("scenarios").forEach(scenario -> names.add(scenario.path("name").asText()));
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioNames")
    void scenario_endsWithExpectedOutput(String name) throws IOException {
        JsonNode file = readScenarios();
        JsonNode scenario = scenarioNamed(file, name);
        Map<String, Deque<JsonNode>> answers = scriptedAnswers(scenario.path("tasks"));
        Map<String, Integer> calls = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();

        StateMachine stateMachine = StateMachine.builder(definitionWithOneResourcePerState(), (resource, input) -> {
            String state = resource.substring(RESOURCE_PREFIX.length());
            int call = calls.merge(state, 1, Integer::sum);
            JsonNode answer = answers.getOrDefault(state, new ArrayDeque<>()).poll();
            if (answer == null) {
                unexpected.add(state + " call " + call + " has no scripted result");
                throw new TaskFailedException("Crosscheck.UnscriptedCall", state + " has no scripted result left");
            }
            if (answer.has("throw")) {
                throw new TaskFailedException(answer.path("throw").path("error").asText(),
                        answer.path("throw").path("cause").asText());
            }
            return answer.path("return").deepCopy();
        }).sleeper(duration -> { }).build();

        ObjectNode input = scenario.path("input").deepCopy();
        input.set("requestContext", file.path("requestContext").deepCopy());
        ExecutionResult result = stateMachine.execute(input, name);

        assertEquals(List.of(), unexpected);
        if (!result.succeeded()) {
            fail("The execution failed with " + result.error() + ": " + result.cause());
        }
        assertEquals(scenario.path("expectedOutput"), result.output());
        for (Iterator<Map.Entry<String, JsonNode>> tasks = scenario.path("tasks").fields(); tasks.hasNext();) {
            Map.Entry<String, JsonNode> task = tasks.next();
            assertEquals(task.getValue().size(), calls.getOrDefault(task.getKey(), 0), task.getKey() + " calls");
        }
    }

    private static JsonNode readScenarios() throws IOException {
        return MAPPER.readTree(Files.readString(SCENARIOS));
    }

    private static JsonNode scenarioNamed(JsonNode file, String name) {
        for (JsonNode scenario : file.path("scenarios")) {
            if (name.equals(scenario.path("name").asText())) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("No scenario named " + name + " in " + SCENARIOS);
    }

    private static Map<String, Deque<JsonNode>> scriptedAnswers(JsonNode tasks) {
        Map<String, Deque<JsonNode>> answers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = tasks.fields(); entries.hasNext();) {
            Map.Entry<String, JsonNode> entry = entries.next();
            Deque<JsonNode> queue = new ArrayDeque<>();
            entry.getValue().forEach(queue::add);
            answers.put(entry.getKey(), queue);
        }
        return answers;
    }

    /**
     * Gives every Task state its own resource named after the state, because several states call
     * the same function (StartReset and ServeCaptcha both call the CAPTCHA function) and the
     * scenarios script results per state.
     */
    private static String definitionWithOneResourcePerState() throws IOException {
        ObjectNode definition = (ObjectNode) MAPPER.readTree(Files.readString(DEFINITION));
        for (Iterator<Map.Entry<String, JsonNode>> states = definition.path("States").fields(); states.hasNext();) {
            Map.Entry<String, JsonNode> state = states.next();
            if ("Task".equals(state.getValue().path("Type").asText())) {
                ((ObjectNode) state.getValue()).put("Resource", RESOURCE_PREFIX + state.getKey());
            }
        }
        return MAPPER.writeValueAsString(definition);
    }
}
