package dev.sspr.local.asl;

import static dev.sspr.local.asl.AslTestSupport.json;
import static dev.sspr.local.asl.AslTestSupport.run;
import static dev.sspr.local.asl.AslTestSupport.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pass, Wait, Succeed and Fail states. */
class SimpleStatesTest {
    private static final Instant START = Instant.parse("2024-03-01T12:00:00Z");

    private final AslTestSupport.ManualClock clock = new AslTestSupport.ManualClock(START);
    private final AslTestSupport.RecordingSleeper sleeper = new AslTestSupport.RecordingSleeper(clock);

    private ExecutionResult runTimed(String definition, String input) {
        return StateMachine.builder(definition, AslTestSupport.NO_TASKS).clock(clock).sleeper(sleeper).build()
                .execute(json(input), "t");
    }

    @Test
    void pass_withoutResultPassesInputThrough() {
        assertEquals(json("{\"a\": 1}"), run(single("{\"Type\": \"Pass\", \"End\": true}"), "{\"a\": 1}").output());
    }

    @Test
    void pass_resultReplacesInput() {
        assertEquals(json("{\"x\": [1]}"), run(single("""
                {"Type": "Pass", "Result": {"x": [1]}, "End": true}
                """), "{\"a\": 1}").output());
    }

    @Test
    void pass_resultIsNotEvaluatedAsTemplate() {
        assertEquals(json("{\"x.$\": \"$.a\"}"), run(single("""
                {"Type": "Pass", "Result": {"x.$": "$.a"}, "End": true}
                """), "{\"a\": 1}").output());
    }

    @Test
    void pass_resultWinsOverParameters() {
        assertEquals(json("{\"a\": 1, \"r\": \"fixed\"}"), run(single("""
                {"Type": "Pass", "Parameters": {"p.$": "$.a"}, "Result": "fixed", "ResultPath": "$.r", "End": true}
                """), "{\"a\": 1}").output());
    }

    @Test
    void pass_parametersBecomeResult() {
        assertEquals(json("{\"a\": 1, \"r\": {\"p\": 1}}"), run(single("""
                {"Type": "Pass", "Parameters": {"p.$": "$.a"}, "ResultPath": "$.r", "End": true}
                """), "{\"a\": 1}").output());
    }

    @Test
    void pass_chainFollowsNext() {
        ExecutionResult result = run("""
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Result": 1, "ResultPath": "$.a", "Next": "B"},
                  "B": {"Type": "Pass", "Result": 2, "ResultPath": "$.b", "End": true}}}
                """, "{}");

        assertEquals(json("{\"a\": 1, \"b\": 2}"), result.output());
    }

    @Test
    void wait_secondsSleeps() {
        ExecutionResult result = runTimed(single("""
                {"Type": "Wait", "Seconds": 10, "End": true}
                """), "{\"a\": 1}");

        assertEquals(List.of(Duration.ofSeconds(10)), sleeper.sleeps);
        assertEquals(json("{\"a\": 1}"), result.output());
    }

    @Test
    void wait_zeroSecondsDoesNotSleep() {
        runTimed(single("{\"Type\": \"Wait\", \"Seconds\": 0, \"End\": true}"), "{}");

        assertTrue(sleeper.sleeps.isEmpty());
    }

    @Test
    void wait_secondsPathReadsEffectiveInput() {
        runTimed(single("""
                {"Type": "Wait", "InputPath": "$.cfg", "SecondsPath": "$.delay", "End": true}
                """), "{\"cfg\": {\"delay\": 3}}");

        assertEquals(List.of(Duration.ofSeconds(3)), sleeper.sleeps);
    }

    @Test
    void wait_invalidSecondsPathValueFails() {
        ExecutionResult result = runTimed(single("""
                {"Type": "Wait", "SecondsPath": "$.delay", "End": true}
                """), "{\"delay\": \"3\"}");

        assertEquals("States.Runtime", result.error());
    }

    @Test
    void wait_timestampSleepsUntilThen() {
        runTimed(single("""
                {"Type": "Wait", "Timestamp": "2024-03-01T12:01:30Z", "End": true}
                """), "{}");

        assertEquals(List.of(Duration.ofSeconds(90)), sleeper.sleeps);
    }

    @Test
    void wait_pastTimestampDoesNotSleep() {
        runTimed(single("""
                {"Type": "Wait", "Timestamp": "2020-01-01T00:00:00Z", "End": true}
                """), "{}");

        assertTrue(sleeper.sleeps.isEmpty());
    }

    @Test
    void wait_timestampPathReadsInput() {
        runTimed(single("""
                {"Type": "Wait", "TimestampPath": "$.until", "End": true}
                """), "{\"until\": \"2024-03-01T12:00:05.500Z\"}");

        assertEquals(List.of(Duration.ofMillis(5500)), sleeper.sleeps);
    }

    @Test
    void wait_timestampPathHonoursOffset() {
        runTimed(single("""
                {"Type": "Wait", "TimestampPath": "$.until", "End": true}
                """), "{\"until\": \"2024-03-01T13:00:00+01:00\"}");

        assertTrue(sleeper.sleeps.isEmpty());
    }

    @Test
    void wait_invalidTimestampPathValueFails() {
        ExecutionResult result = runTimed(single("""
                {"Type": "Wait", "TimestampPath": "$.until", "End": true}
                """), "{\"until\": \"tomorrow\"}");

        assertEquals("States.Runtime", result.error());
    }

    @Test
    void wait_advancesEnteredTimeOfNextState() {
        ExecutionResult result = runTimed("""
                {"StartAt": "W", "States": {
                  "W": {"Type": "Wait", "Seconds": 60, "Next": "P"},
                  "P": {"Type": "Pass", "Parameters": {"entered.$": "$$.State.EnteredTime",
                                                       "started.$": "$$.Execution.StartTime"}, "End": true}}}
                """, "{}");

        assertEquals(json("{\"entered\": \"2024-03-01T12:01:00.000Z\", \"started\": \"2024-03-01T12:00:00.000Z\"}"),
                result.output());
    }

    @Test
    void succeed_appliesInputAndOutputPath() {
        assertEquals(json("2"), run(single("""
                {"Type": "Succeed", "InputPath": "$.a", "OutputPath": "$.b"}
                """), "{\"a\": {\"b\": 2}}").output());
    }

    @Test
    void fail_reportsErrorAndCause() {
        ExecutionResult result = run(single("""
                {"Type": "Fail", "Error": "Invalid.Request", "Cause": "action is missing"}
                """), "{}");

        assertEquals(ExecutionResult.Status.FAILED, result.status());
        assertEquals("Invalid.Request", result.error());
        assertEquals("action is missing", result.cause());
        assertNull(result.output());
    }

    @Test
    void fail_withoutErrorOrCause() {
        ExecutionResult result = run(single("{\"Type\": \"Fail\"}"), "{}");

        assertEquals(ExecutionResult.Status.FAILED, result.status());
        assertNull(result.error());
        assertNull(result.cause());
    }

    @Test
    void fail_pathsReadInput() {
        ExecutionResult result = run(single("""
                {"Type": "Fail", "ErrorPath": "$.e.name", "CausePath": "$.e.detail"}
                """), "{\"e\": {\"name\": \"Boom\", \"detail\": \"it broke\"}}");

        assertEquals("Boom", result.error());
        assertEquals("it broke", result.cause());
    }

    @Test
    void fail_causePathAcceptsIntrinsic() {
        ExecutionResult result = run(single("""
                {"Type": "Fail", "Error": "Boom", "CausePath": "States.Format('user {} not found', $.user)"}
                """), "{\"user\": \"ana\"}");

        assertEquals("user ana not found", result.cause());
    }

    @Test
    void fail_nonStringErrorPathValueFails() {
        ExecutionResult result = run(single("""
                {"Type": "Fail", "ErrorPath": "$.code"}
                """), "{\"code\": 500}");

        assertEquals("States.Runtime", result.error());
    }
}
