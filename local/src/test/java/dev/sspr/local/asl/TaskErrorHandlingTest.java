package dev.sspr.local.asl;

import static dev.sspr.local.asl.AslTestSupport.json;
import static dev.sspr.local.asl.AslTestSupport.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TaskErrorHandlingTest {
    private final AslTestSupport.RecordingSleeper sleeper = new AslTestSupport.RecordingSleeper();

    private ExecutionResult execute(String definition, TaskInvoker invoker) {
        return StateMachine.builder(definition, invoker).sleeper(sleeper).build()
                .execute(json("{\"in\": 1}"), "t");
    }

    /** Invoker that throws the given failures in order, then returns {@code {"done": true}}. */
    private static TaskInvoker failing(Exception... failures) {
        AtomicInteger calls = new AtomicInteger();
        return (resource, input) -> {
            int call = calls.getAndIncrement();
            if (call < failures.length) {
                throw failures[call];
            }
            return json("{\"done\": true}");
        };
    }

    private static Exception[] repeat(Exception failure, int times) {
        Exception[] failures = new Exception[times];
        java.util.Arrays.fill(failures, failure);
        return failures;
    }

    private static List<Long> millis(List<Duration> durations) {
        List<Long> values = new ArrayList<>();
        durations.forEach(duration -> values.add(duration.toMillis()));
        return values;
    }

    @Test
    void task_namedErrorFailsExecution() {
        ExecutionResult result = execute(single("""
                {"Type": "Task", "Resource": "fn", "End": true}
                """), failing(new TaskFailedException("UserNotFound", "no user ana")));

        assertEquals(ExecutionResult.Status.FAILED, result.status());
        assertEquals("UserNotFound", result.error());
        assertEquals("no user ana", result.cause());
        assertNull(result.output());
    }

    @Test
    void task_exceptionReportedLikeLambda() {
        ExecutionResult result = execute(single("""
                {"Type": "Task", "Resource": "fn", "End": true}
                """), failing(new IllegalStateException("store is down")));

        assertEquals("java.lang.IllegalStateException", result.error());
        JsonNode cause = json(result.cause());
        assertEquals("store is down", cause.get("errorMessage").textValue());
        assertEquals("java.lang.IllegalStateException", cause.get("errorType").textValue());
        assertEquals(2, cause.size());
    }

    @Test
    void retry_succeedsAfterTransientErrors() {
        ExecutionResult result = execute(single("""
                {"Type": "Task", "Resource": "fn", "End": true,
                 "Retry": [{"ErrorEquals": ["Busy"]}]}
                """), failing(repeat(new TaskFailedException("Busy", null), 2)));

        assertTrue(result.succeeded());
        assertEquals(json("{\"done\": true}"), result.output());
    }

    @Test
    void retry_defaultPolicy() {
        ExecutionResult result = execute(single("""
                {"Type": "Task", "Resource": "fn", "End": true,
                 "Retry": [{"ErrorEquals": ["Busy"]}]}
                """), failing(repeat(new TaskFailedException("Busy", "still busy"), 4)));

        assertEquals("Busy", result.error());
        assertEquals(List.of(1000L, 2000L, 4000L), millis(sleeper.sleeps));
    }

    @Test
    void retry_backsOffByRate() {
        execute(single("""
                {"Type": "Task", "Resource": "fn", "End": true,
                 "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 3, "MaxAttempts": 3, "BackoffRate": 1.5}]}
                """), failing(repeat(new TaskFailedException("Busy", null), 4)));

        assertEquals(List.of(3000L, 4500L, 6750L), millis(sleeper.sleeps));
    }

    @Test
    void retry_maxDelaySecondsCapsBackoff() {
        execute(single("""
                {"Type": "Task", "Resource": "fn", "End": true,
                 "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 2, "MaxAttempts": 4,
                            "BackoffRate": 3, "MaxDelaySeconds": 10}]}
                """), failing(repeat(new TaskFailedException("Busy", null), 5)));

        assertEquals(List.of(2000L, 6000L, 10000L, 10000L), millis(sleeper.sleeps));
    }

    @Test
    void retry_fullJitterScalesDelay() {
        StateMachine machine = StateMachine.builder(single("""
                {"Type": "Task", "Resource": "fn", "End": true,
                 "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 4, "MaxAttempts": 2,
                            "JitterStrategy": "FULL"}]}
                """), failing(repeat(new TaskFailedException("Busy", null), 2)))
                .sleeper(sleeper).jitter(() -> 0.25).build();

        machine.execute(json("{}"), "t");

        assertEquals(List.of(1000L, 2000L), millis(sleeper.sleeps));
    }

    @Test
    void retry_jitterNoneKeepsComputedDelay() {
        StateMachine machine = StateMachine.builder(single("""
                {"Type": "Task", "Resource": "fn", "End": true,
                 "Retry": [{"ErrorEquals": ["Busy"], "MaxAttempts": 1, "JitterStrategy": "NONE"}]}
                """), failing(new TaskFailedException("Busy", null)))
                .sleeper(sleeper).jitter(() -> 0.25).build();

        machine.execute(json("{}"), "t");

        assertEquals(List.of(1000L), millis(sleeper.sleeps));
    }

    @Test
    void retry_maxAttemptsZeroNeverRetries() {
        AtomicInteger calls = new AtomicInteger();
        ExecutionResult result = execute(single("""
                {"Type": "Task", "Resource": "fn", "End": true,
                 "Retry": [{"ErrorEquals": ["Busy"], "MaxAttempts": 0},
                           {"ErrorEquals": ["States.ALL"]}]}
                """), (resource, input) -> {
                    calls.incrementAndGet();
                    throw new TaskFailedException("Busy", null);
                });

        assertEquals("Busy", result.error());
        assertEquals(1, calls.get());
        assertTrue(sleeper.sleeps.isEmpty());
    }

    @Test
    void retry_firstMatchWinsWhenExhausted() {
        AtomicInteger calls = new AtomicInteger();
        ExecutionResult result = execute(single("""
                {"Type": "Task", "Resource": "fn", "End": true,
                 "Retry": [{"ErrorEquals": ["Busy"], "MaxAttempts": 1, "IntervalSeconds": 5},
                           {"ErrorEquals": ["States.ALL"], "MaxAttempts": 5, "IntervalSeconds": 7}]}
                """), (resource, input) -> {
                    calls.incrementAndGet();
                    throw new TaskFailedException("Busy", null);
                });

        assertEquals("Busy", result.error());
        assertEquals(2, calls.get());
        assertEquals(List.of(5000L), millis(sleeper.sleeps));
    }

    @Test
    void retry_retriersKeepSeparateCounters() {
        // The example of the Amazon States Language specification: ErrorA, ErrorB, ErrorC
        // and ErrorB. The fourth error finds the first retrier's two retries used up.
        ExecutionResult result = execute("""
                {"StartAt": "X", "States": {
                  "X": {"Type": "Task", "Resource": "fn", "End": true,
                        "Retry": [{"ErrorEquals": ["ErrorA", "ErrorB"], "IntervalSeconds": 1,
                                   "BackoffRate": 2.0, "MaxAttempts": 2},
                                  {"ErrorEquals": ["ErrorC"], "IntervalSeconds": 5}],
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Z"}]},
                  "Z": {"Type": "Pass", "End": true}}}
                """, failing(
                new TaskFailedException("ErrorA", null), new TaskFailedException("ErrorB", null),
                new TaskFailedException("ErrorC", null), new TaskFailedException("ErrorB", null)));

        assertEquals(List.of(1000L, 2000L, 5000L), millis(sleeper.sleeps));
        assertEquals(json("{\"Error\": \"ErrorB\"}"), result.output());
    }

    @Test
    void retry_taskFailedMatchesTaskErrors() {
        ExecutionResult result = execute(single("""
                {"Type": "Task", "Resource": "fn", "End": true,
                 "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 1}]}
                """), failing(new IllegalArgumentException("bad")));

        assertTrue(result.succeeded());
        assertEquals(1, sleeper.sleeps.size());
    }

    @Test
    void retry_taskFailedDoesNotMatchTimeout() {
        ExecutionResult result = execute(single("""
                {"Type": "Task", "Resource": "fn", "TimeoutSeconds": 1, "End": true,
                 "Retry": [{"ErrorEquals": ["States.TaskFailed"]}]}
                """), (resource, input) -> {
                    new CountDownLatch(1).await(5, TimeUnit.SECONDS);
                    return null;
                });

        assertEquals("States.Timeout", result.error());
        assertTrue(sleeper.sleeps.isEmpty());
    }

    @Test
    void retry_contextRetryCountIncreases() {
        List<Integer> retryCounts = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        execute(single("""
                {"Type": "Task", "Resource": "fn", "End": true,
                 "Parameters": {"retry.$": "$$.State.RetryCount"},
                 "Retry": [{"ErrorEquals": ["Busy"]}]}
                """), (resource, input) -> {
                    retryCounts.add(input.get("retry").intValue());
                    if (calls.incrementAndGet() < 3) {
                        throw new TaskFailedException("Busy", null);
                    }
                    return null;
                });

        assertEquals(List.of(0, 1, 2), retryCounts);
    }

    @Test
    void retry_countersResetOnReentry() {
        AtomicInteger calls = new AtomicInteger();
        TaskInvoker invoker = (resource, input) -> {
            // Odd calls fail once; the loop enters the task twice.
            if (calls.incrementAndGet() % 2 == 1) {
                throw new TaskFailedException("Busy", null);
            }
            return json("{}");
        };
        ExecutionResult result = execute("""
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "fn", "ResultPath": null, "Next": "Again",
                           "Retry": [{"ErrorEquals": ["Busy"], "MaxAttempts": 1}]},
                  "Again": {"Type": "Choice",
                            "Choices": [{"Variable": "$.in", "NumericEquals": 1, "Next": "Bump"}],
                            "Default": "Done"},
                  "Bump": {"Type": "Pass", "Result": 2, "ResultPath": "$.in", "Next": "Work"},
                  "Done": {"Type": "Succeed"}}}
                """, invoker);

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals(4, calls.get());
    }

    @Test
    void catch_routesToNextWithErrorOutput() {
        ExecutionResult result = execute("""
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "fn", "End": true,
                           "Catch": [{"ErrorEquals": ["UserNotFound"], "Next": "Handle"}]},
                  "Handle": {"Type": "Pass", "End": true}}}
                """, failing(new TaskFailedException("UserNotFound", "no user")));

        assertEquals(json("{\"Error\": \"UserNotFound\", \"Cause\": \"no user\"}"), result.output());
    }

    @Test
    void catch_resultPathKeepsInput() {
        ExecutionResult result = execute("""
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "fn", "End": true,
                           "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Handle"}]},
                  "Handle": {"Type": "Pass", "End": true}}}
                """, failing(new TaskFailedException("Boom", "bad")));

        assertEquals(json("{\"in\": 1, \"error\": {\"Error\": \"Boom\", \"Cause\": \"bad\"}}"), result.output());
    }

    @Test
    void catch_resultPathNullPassesInputUnchanged() {
        ExecutionResult result = execute("""
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "fn", "End": true,
                           "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": null, "Next": "Handle"}]},
                  "Handle": {"Type": "Pass", "End": true}}}
                """, failing(new TaskFailedException("Boom", "bad")));

        assertEquals(json("{\"in\": 1}"), result.output());
    }

    @Test
    void catch_errorWithoutCauseOmitsCauseField() {
        ExecutionResult result = execute("""
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "fn", "End": true,
                           "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handle"}]},
                  "Handle": {"Type": "Pass", "End": true}}}
                """, failing(new TaskFailedException("Boom", null)));

        assertEquals(json("{\"Error\": \"Boom\"}"), result.output());
    }

    @Test
    void catch_appliesAfterRetriesAreExhausted() {
        AtomicInteger calls = new AtomicInteger();
        ExecutionResult result = execute("""
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "fn", "End": true,
                           "Retry": [{"ErrorEquals": ["Busy"], "MaxAttempts": 2}],
                           "Catch": [{"ErrorEquals": ["Busy"], "Next": "Handle"}]},
                  "Handle": {"Type": "Pass", "Result": "handled", "End": true}}}
                """, (resource, input) -> {
                    calls.incrementAndGet();
                    throw new TaskFailedException("Busy", null);
                });

        assertEquals(json("\"handled\""), result.output());
        assertEquals(3, calls.get());
    }

    @Test
    void catch_firstMatchingCatcherWins() {
        ExecutionResult result = execute("""
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "fn", "End": true,
                           "Catch": [{"ErrorEquals": ["Other"], "Next": "A"},
                                     {"ErrorEquals": ["java.lang.RuntimeException"], "Next": "B"},
                                     {"ErrorEquals": ["States.ALL"], "Next": "A"}]},
                  "A": {"Type": "Pass", "Result": "A", "End": true},
                  "B": {"Type": "Pass", "Result": "B", "End": true}}}
                """, failing(new RuntimeException("x")));

        assertEquals(json("\"B\""), result.output());
    }

    @Test
    void catch_unmatchedErrorFailsExecution() {
        ExecutionResult result = execute("""
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "fn", "End": true,
                           "Catch": [{"ErrorEquals": ["Other"], "Next": "A"}]},
                  "A": {"Type": "Pass", "End": true}}}
                """, failing(new TaskFailedException("Boom", "bad")));

        assertEquals("Boom", result.error());
        assertEquals("bad", result.cause());
    }

    @Test
    void catch_runtimeErrorIsNotCaught() {
        AtomicInteger calls = new AtomicInteger();
        ExecutionResult result = execute("""
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "fn", "InputPath": "$.missing", "End": true,
                           "Retry": [{"ErrorEquals": ["States.ALL"]}],
                           "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A"}]},
                  "A": {"Type": "Pass", "End": true}}}
                """, (resource, input) -> {
                    calls.incrementAndGet();
                    return null;
                });

        assertEquals("States.Runtime", result.error());
        assertEquals(0, calls.get());
        assertTrue(sleeper.sleeps.isEmpty());
    }

    @Test
    void catch_runtimeErrorNotCaughtByName() {
        ExecutionResult result = execute("""
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "fn", "OutputPath": "$.missing", "End": true,
                           "Catch": [{"ErrorEquals": ["States.Runtime"], "Next": "A"}]},
                  "A": {"Type": "Pass", "End": true}}}
                """, (resource, input) -> json("{}"));

        assertEquals("States.Runtime", result.error());
    }

    @Test
    void catch_statesAllSkipsDataLimitExceeded() {
        ExecutionResult result = execute("""
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "fn", "End": true,
                           "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A"}]},
                  "A": {"Type": "Pass", "End": true}}}
                """, failing(new TaskFailedException("States.DataLimitExceeded", "too large")));

        assertEquals("States.DataLimitExceeded", result.error());
    }

    @Test
    void catch_dataLimitExceededCaughtByName() {
        ExecutionResult result = execute("""
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "fn", "End": true,
                           "Catch": [{"ErrorEquals": ["States.DataLimitExceeded"], "Next": "A"}]},
                  "A": {"Type": "Pass", "Result": "caught", "End": true}}}
                """, failing(new TaskFailedException("States.DataLimitExceeded", "too large")));

        assertEquals(json("\"caught\""), result.output());
    }

    @Test
    void catch_intrinsicFailureInParameters() {
        ExecutionResult result = execute("""
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "fn", "End": true,
                           "Parameters": {"n.$": "States.ArrayLength($.in)"},
                           "Catch": [{"ErrorEquals": ["States.IntrinsicFailure"], "Next": "A"}]},
                  "A": {"Type": "Pass", "End": true}}}
                """, (resource, input) -> json("{}"));

        assertEquals("States.IntrinsicFailure", result.output().get("Error").textValue());
    }

    @Test
    void timeout_raisesStatesTimeout() {
        ExecutionResult result = execute(single("""
                {"Type": "Task", "Resource": "fn", "TimeoutSeconds": 1, "End": true}
                """), (resource, input) -> {
                    Thread.sleep(10_000);
                    return null;
                });

        assertEquals("States.Timeout", result.error());
    }

    @Test
    void timeout_canBeCaught() {
        ExecutionResult result = execute("""
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "fn", "TimeoutSeconds": 1, "End": true,
                           "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Late"}]},
                  "Late": {"Type": "Pass", "Result": "late", "End": true}}}
                """, (resource, input) -> {
                    Thread.sleep(10_000);
                    return null;
                });

        assertEquals(json("\"late\""), result.output());
    }

    @Test
    void timeout_fastTaskResultIsReturned() {
        ExecutionResult result = execute(single("""
                {"Type": "Task", "Resource": "fn", "TimeoutSeconds": 5, "End": true}
                """), (resource, input) -> json("{\"fast\": true}"));

        assertEquals(json("{\"fast\": true}"), result.output());
    }

    @Test
    void timeout_workerErrorKeepsName() {
        ExecutionResult result = execute(single("""
                {"Type": "Task", "Resource": "fn", "TimeoutSeconds": 5, "End": true}
                """), failing(new TaskFailedException("Named", "cause")));

        assertEquals("Named", result.error());
        assertEquals("cause", result.cause());
    }

    @Test
    void timeout_secondsPathReadsInput() {
        StateMachine machine = StateMachine.builder(single("""
                {"Type": "Task", "Resource": "fn", "TimeoutSecondsPath": "$.limit", "End": true}
                """), (resource, input) -> {
                    Thread.sleep(10_000);
                    return null;
                }).sleeper(sleeper).build();

        ExecutionResult result = machine.execute(json("{\"limit\": 1}"), "t");

        assertEquals("States.Timeout", result.error());
    }
}
