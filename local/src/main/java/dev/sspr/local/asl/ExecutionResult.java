package dev.sspr.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Outcome of one execution.
 *
 * @param status whether the execution reached a terminal state without an uncaught error
 * @param output the final output when {@code SUCCEEDED}, otherwise {@code null}
 * @param error the error name when {@code FAILED}, for example {@code States.Runtime}, or
 *     {@code null} when a Fail state names no error
 * @param cause the error's description when {@code FAILED}, or {@code null}
 */
public record ExecutionResult(Status status, JsonNode output, String error, String cause) {
    /** Terminal status of an execution. */
    public enum Status {
        SUCCEEDED,
        FAILED
    }

    static ExecutionResult ofSuccess(JsonNode output) {
        return new ExecutionResult(Status.SUCCEEDED, output, null, null);
    }

    static ExecutionResult ofFailure(String error, String cause) {
        return new ExecutionResult(Status.FAILED, null, error, cause);
    }

    /** Returns whether the status is SUCCEEDED. */
    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
