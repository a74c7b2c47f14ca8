package dev.sspr.local.asl;

import static dev.sspr.local.asl.AslTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Transition guard, execution timeout and concurrent executions. */
class ExecutionLimitsTest {
    private static final String ENDLESS_LOOP = """
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Next": "B"},
              "B": {"Type": "Pass", "Next": "A"}}}
            """;

    @Test
    void transitions_endlessLoopFails() {
        ExecutionResult result = AslTestSupport.machine(ENDLESS_LOOP).execute(json("{}"), "t");

        assertEquals("States.Runtime", result.error());
        assertTrue(result.cause().contains("entered 1000 states"), result.cause());
    }

    @Test
    void transitions_limitIsConfigurable() {
        AtomicInteger calls = new AtomicInteger();
        StateMachine machine = StateMachine.builder("""
                {"StartAt": "A", "States": {
                  "A": {"Type": "Task", "Resource": "fn", "Next": "A"}}}
                """, (resource, input) -> {
                    calls.incrementAndGet();
                    return input;
                }).maxTransitions(5).build();

        ExecutionResult result = machine.execute(json("{}"), "t");

        assertEquals("States.Runtime", result.error());
        assertEquals(5, calls.get());
    }

    @Test
    void transitions_limitIsInclusive() {
        StateMachine machine = StateMachine.builder("""
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Next": "B"},
                  "B": {"Type": "Succeed"}}}
                """, AslTestSupport.NO_TASKS).maxTransitions(2).build();

        assertTrue(machine.execute(json("{}"), "t").succeeded());
    }

    @Test
    void transitions_limitBelowOneIsRejected() {
        StateMachine.Builder builder = StateMachine.builder(ENDLESS_LOOP, AslTestSupport.NO_TASKS);

        assertThrows(IllegalArgumentException.class, () -> builder.maxTransitions(0));
    }

    @Test
    void executionTimeout_stopsLongWait() {
        AslTestSupport.ManualClock clock = new AslTestSupport.ManualClock(Instant.parse("2024-01-01T00:00:00Z"));
        AslTestSupport.RecordingSleeper sleeper = new AslTestSupport.RecordingSleeper(clock);
        StateMachine machine = StateMachine.builder("""
                {"TimeoutSeconds": 30, "StartAt": "W", "States": {
                  "W": {"Type": "Wait", "Seconds": 100, "End": true}}}
                """, AslTestSupport.NO_TASKS).clock(clock).sleeper(sleeper).build();

        ExecutionResult result = machine.execute(json("{}"), "t");

        assertEquals("States.Timeout", result.error());
        assertEquals(List.of(Duration.ofSeconds(30)), sleeper.sleeps);
    }

    @Test
    void executionTimeout_isNotCaught() {
        AslTestSupport.ManualClock clock = new AslTestSupport.ManualClock(Instant.parse("2024-01-01T00:00:00Z"));
        AslTestSupport.RecordingSleeper sleeper = new AslTestSupport.RecordingSleeper(clock);
        StateMachine machine = StateMachine.builder("""
                {"TimeoutSeconds": 5, "StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "fn", "End": true,
                        "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 10}],
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]},
                  "Caught": {"Type": "Succeed"}}}
                """, (resource, input) -> {
                    throw new TaskFailedException("Busy", null);
                }).clock(clock).sleeper(sleeper).build();

        ExecutionResult result = machine.execute(json("{}"), "t");

        assertEquals("States.Timeout", result.error());
    }

    @Test
    void executionTimeout_notReached() {
        AslTestSupport.ManualClock clock = new AslTestSupport.ManualClock(Instant.parse("2024-01-01T00:00:00Z"));
        StateMachine machine = StateMachine.builder("""
                {"TimeoutSeconds": 30, "StartAt": "W", "States": {
                  "W": {"Type": "Wait", "Seconds": 10, "End": true}}}
                """, AslTestSupport.NO_TASKS).clock(clock).sleeper(new AslTestSupport.RecordingSleeper(clock)).build();

        assertTrue(machine.execute(json("{}"), "t").succeeded());
    }

    @Test
    void interrupt_endsExecutionAndKeepsFlag() {
        StateMachine machine = StateMachine.builder("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 5, "End": true}}}
                """, AslTestSupport.NO_TASKS).sleeper(duration -> {
                    throw new InterruptedException("stop");
                }).build();

        ExecutionResult result = machine.execute(json("{}"), "t");

        assertEquals("States.Runtime", result.error());
        assertTrue(Thread.interrupted(), "interrupt flag was cleared");
    }

    @Test
    void concurrency_oneMachineServesManyThreads() throws Exception {
        StateMachine machine = StateMachine.builder("""
                {"StartAt": "Route", "States": {
                  "Route": {"Type": "Choice",
                            "Choices": [{"Variable": "$.n", "NumericGreaterThanEquals": 50, "Next": "Big"}],
                            "Default": "Small"},
                  "Big": {"Type": "Task", "Resource": "big", "TimeoutSeconds": 10,
                          "Parameters": {"n.$": "$.n", "exec.$": "$$.Execution.Name"}, "End": true},
                  "Small": {"Type": "Task", "Resource": "small",
                            "Parameters": {"n.$": "$.n", "exec.$": "$$.Execution.Name"}, "End": true}}}
                """, (resource, input) -> {
                    Thread.sleep(1);
                    return json("{\"resource\": \"" + resource + "\", \"n\": " + input.get("n")
                            + ", \"exec\": \"" + input.get("exec").textValue() + "\"}");
                }).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ExecutionResult>> futures = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                futures.add(pool.submit(() -> machine.execute(json("{\"n\": " + n + "}"), "exec-" + n)));
            }

            for (int i = 0; i < 100; i++) {
                JsonNode output = futures.get(i).get(30, TimeUnit.SECONDS).output();
                assertEquals(i, output.get("n").intValue());
                assertEquals("exec-" + i, output.get("exec").textValue());
                assertEquals(i >= 50 ? "big" : "small", output.get("resource").textValue());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
