package dev.sspr.local.asl;

import static dev.sspr.local.asl.AslTestSupport.json;
import static dev.sspr.local.asl.AslTestSupport.machine;
import static dev.sspr.local.asl.AslTestSupport.run;
import static dev.sspr.local.asl.AslTestSupport.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InputOutputProcessingTest {

    @Test
    void inputPath_selectsEffectiveInput() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "InputPath": "$.user", "End": true}
                """), """
                {"user": {"id": 7}, "other": true}
                """);

        assertEquals(json("{\"id\": 7}"), result.output());
    }

    @Test
    void inputPath_nullGivesEmptyObject() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "InputPath": null, "End": true}
                """), "{\"a\": 1}");

        assertEquals(json("{}"), result.output());
    }

    @Test
    void inputPath_missingFieldFails() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "InputPath": "$.missing", "End": true}
                """), "{\"a\": 1}");

        assertEquals(ExecutionResult.Status.FAILED, result.status());
        assertEquals("States.Runtime", result.error());
        assertTrue(result.cause().contains("$.missing"), result.cause());
    }

    @Test
    void inputPath_onScalarInputFails() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "InputPath": "$.a", "End": true}
                """), "\"text\"");

        assertEquals("States.Runtime", result.error());
    }

    @Test
    void missingPath_causeNamesFieldsButNotValues() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "Parameters": {"code.$": "$.otp"}, "End": true}
                """), "{\"password\": \"hunter2\"}");

        assertTrue(result.cause().contains("[password]"), result.cause());
        assertFalse(result.cause().contains("hunter2"), result.cause());
    }

    @Test
    void inputPath_indexPastEndFails() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "InputPath": "$.items[3]", "End": true}
                """), "{\"items\": [1, 2]}");

        assertEquals("States.Runtime", result.error());
    }

    @Test
    void inputPath_jsonNullValueIsPresent() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "InputPath": "$.value", "ResultPath": "$.copy", "End": true}
                """), "{\"value\": null}");

        assertTrue(result.succeeded());
        assertTrue(result.output().get("copy").isNull());
    }

    @Test
    void parameters_mixStaticAndPaths() {
        ExecutionResult result = run(single("""
                {"Type": "Pass",
                 "Parameters": {
                   "static": "text",
                   "number": 3,
                   "user.$": "$.user.name",
                   "nested": {"flag.$": "$.flag", "list": [1, {"deep.$": "$.user.name"}]}
                 },
                 "End": true}
                """), """
                {"user": {"name": "ana"}, "flag": false}
                """);

        assertEquals(json("""
                {"static": "text", "number": 3, "user": "ana",
                 "nested": {"flag": false, "list": [1, {"deep": "ana"}]}}
                """), result.output());
    }

    @Test
    void parameters_applyAfterInputPath() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "InputPath": "$.request", "Parameters": {"id.$": "$.id"}, "End": true}
                """), "{\"request\": {\"id\": \"r-1\"}}");

        assertEquals(json("{\"id\": \"r-1\"}"), result.output());
    }

    @Test
    void parameters_missingPathFails() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "Parameters": {"id.$": "$.nothing"}, "End": true}
                """), "{}");

        assertEquals("States.Runtime", result.error());
        assertTrue(result.cause().contains("$.nothing"), result.cause());
    }

    @Test
    void parameters_wildcardPathReturnsArray() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "Parameters": {"ids.$": "$.items[*].id"}, "End": true}
                """), "{\"items\": [{\"id\": 1}, {\"id\": 2}]}");

        assertEquals(json("{\"ids\": [1, 2]}"), result.output());
    }

    @Test
    void parameters_filterPathReturnsMatches() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "Parameters": {"active.$": "$.items[?(@.active == true)].id"}, "End": true}
                """), "{\"items\": [{\"id\": 1, \"active\": true}, {\"id\": 2, \"active\": false}]}");

        assertEquals(json("{\"active\": [1]}"), result.output());
    }

    @Test
    void parameters_contextPathReadsContextObject() {
        ExecutionResult result = machine(single("""
                {"Type": "Pass",
                 "Parameters": {"name.$": "$$.Execution.Name", "state.$": "$$.State.Name",
                                "input.$": "$$.Execution.Input.a"},
                 "End": true}
                """)).execute(json("{\"a\": 5}"), "exec-1");

        assertEquals(json("{\"name\": \"exec-1\", \"state\": \"S\", \"input\": 5}"), result.output());
    }

    @Test
    void parameters_intrinsicValue() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('Hi {}', $.name)"}, "End": true}
                """), "{\"name\": \"Ana\"}");

        assertEquals(json("{\"greeting\": \"Hi Ana\"}"), result.output());
    }

    @Test
    void contextObject_hasAllFields() {
        AslTestSupport.ManualClock clock = new AslTestSupport.ManualClock(Instant.parse("2024-05-01T10:15:30.123456Z"));
        StateMachine machine = StateMachine.builder(single("""
                {"Type": "Pass", "Parameters": {"context.$": "$$"}, "End": true}
                """), AslTestSupport.NO_TASKS).clock(clock).name("Reset").build();

        JsonNode context = machine.execute(json("{\"k\": 1}"), "run-9").output().get("context");

        assertEquals("arn:aws:states:local:000000000000:execution:Reset:run-9",
                context.at("/Execution/Id").textValue());
        assertEquals("run-9", context.at("/Execution/Name").textValue());
        assertEquals("2024-05-01T10:15:30.123Z", context.at("/Execution/StartTime").textValue());
        assertEquals(json("{\"k\": 1}"), context.at("/Execution/Input"));
        assertEquals("S", context.at("/State/Name").textValue());
        assertEquals("2024-05-01T10:15:30.123Z", context.at("/State/EnteredTime").textValue());
        assertEquals(0, context.at("/State/RetryCount").intValue());
        assertEquals("arn:aws:states:local:000000000000:stateMachine:Reset",
                context.at("/StateMachine/Id").textValue());
        assertEquals("Reset", context.at("/StateMachine/Name").textValue());
    }

    @Test
    void resultSelector_reshapesTaskResult() {
        TaskInvoker invoker = (resource, input) -> json("{\"Payload\": {\"ok\": true}, \"StatusCode\": 200}");
        ExecutionResult result = machine(single("""
                {"Type": "Task", "Resource": "fn",
                 "ResultSelector": {"ok.$": "$.Payload.ok", "source": "lambda"},
                 "ResultPath": "$.result", "End": true}
                """), invoker).execute(json("{\"in\": 1}"), "t");

        assertEquals(json("{\"in\": 1, \"result\": {\"ok\": true, \"source\": \"lambda\"}}"), result.output());
    }

    @Test
    void resultPath_defaultReplacesInput() {
        TaskInvoker invoker = (resource, input) -> json("{\"out\": 1}");
        ExecutionResult result = machine(single("""
                {"Type": "Task", "Resource": "fn", "End": true}
                """), invoker).execute(json("{\"in\": 1}"), "t");

        assertEquals(json("{\"out\": 1}"), result.output());
    }

    @Test
    void resultPath_createsNestedObjects() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "Result": 42, "ResultPath": "$.a.b['c d']", "End": true}
                """), "{\"keep\": true}");

        assertEquals(json("{\"keep\": true, \"a\": {\"b\": {\"c d\": 42}}}"), result.output());
    }

    @Test
    void resultPath_replacesExistingField() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "Result": "new", "ResultPath": "$.value", "End": true}
                """), "{\"value\": \"old\", \"other\": 1}");

        assertEquals(json("{\"value\": \"new\", \"other\": 1}"), result.output());
    }

    @Test
    void resultPath_setsExistingArrayElement() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "Result": "x", "ResultPath": "$.list[1]", "End": true}
                """), "{\"list\": [1, 2, 3]}");

        assertEquals(json("{\"list\": [1, \"x\", 3]}"), result.output());
    }

    @Test
    void resultPath_nullDiscardsResult() {
        TaskInvoker invoker = (resource, input) -> json("{\"ignored\": true}");
        ExecutionResult result = machine(single("""
                {"Type": "Task", "Resource": "fn", "ResultPath": null, "End": true}
                """), invoker).execute(json("{\"in\": 1}"), "t");

        assertEquals(json("{\"in\": 1}"), result.output());
    }

    @Test
    void resultPath_nonObjectTargetFails() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "Result": 1, "ResultPath": "$.name.first", "End": true}
                """), "{\"name\": \"ana\"}");

        assertEquals("States.ResultPathMatchFailure", result.error());
    }

    @Test
    void resultPath_appliesToRawInput() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "InputPath": "$.sub", "ResultPath": "$.copy", "End": true}
                """), "{\"sub\": {\"x\": 1}, \"top\": 2}");

        assertEquals(json("{\"sub\": {\"x\": 1}, \"top\": 2, \"copy\": {\"x\": 1}}"), result.output());
    }

    @Test
    void outputPath_selectsFromCombinedOutput() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "Result": {"id": 3}, "ResultPath": "$.result", "OutputPath": "$.result.id",
                 "End": true}
                """), "{\"in\": 1}");

        assertEquals(json("3"), result.output());
    }

    @Test
    void outputPath_nullGivesEmptyObject() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "OutputPath": null, "End": true}
                """), "{\"in\": 1}");

        assertEquals(json("{}"), result.output());
    }

    @Test
    void outputPath_missingFieldFails() {
        ExecutionResult result = run(single("""
                {"Type": "Pass", "OutputPath": "$.gone", "End": true}
                """), "{\"in\": 1}");

        assertEquals("States.Runtime", result.error());
    }

    @Test
    void task_receivesEffectiveInputAndResource() {
        AtomicReference<String> resource = new AtomicReference<>();
        AtomicReference<JsonNode> received = new AtomicReference<>();
        TaskInvoker invoker = (name, input) -> {
            resource.set(name);
            received.set(input);
            return null;
        };

        ExecutionResult result = machine(single("""
                {"Type": "Task", "Resource": "dev.sspr.Handler",
                 "InputPath": "$.body", "Parameters": {"user.$": "$.user", "retry.$": "$$.State.RetryCount"},
                 "ResultPath": "$.result", "End": true}
                """), invoker).execute(json("{\"body\": {\"user\": \"ana\"}}"), "t");

        assertEquals("dev.sspr.Handler", resource.get());
        assertEquals(json("{\"user\": \"ana\", \"retry\": 0}"), received.get());
        assertTrue(result.output().get("result").isNull());
    }

    @Test
    void task_invokerGetsCopyOfInput() {
        TaskInvoker invoker = (name, input) -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) input).put("tampered", true);
            return json("1");
        };

        ExecutionResult result = machine(single("""
                {"Type": "Task", "Resource": "fn", "ResultPath": "$.r", "End": true}
                """), invoker).execute(json("{\"a\": 1}"), "t");

        assertEquals(json("{\"a\": 1, \"r\": 1}"), result.output());
    }

    @Test
    void execute_doesNotModifyCallerInput() {
        JsonNode input = json("{\"a\": {\"b\": 1}}");

        machine(single("""
                {"Type": "Pass", "Result": 2, "ResultPath": "$.a.c", "End": true}
                """)).execute(input, "t");

        assertEquals(json("{\"a\": {\"b\": 1}}"), input);
    }

    @Test
    void execute_nullInputCountsAsEmptyObject() {
        ExecutionResult result = machine(single("""
                {"Type": "Pass", "End": true}
                """)).execute(null, null);

        assertEquals(json("{}"), result.output());
        assertNull(result.error());
    }
}
