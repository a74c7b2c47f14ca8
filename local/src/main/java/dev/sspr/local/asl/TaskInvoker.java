package dev.sspr.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs the work behind a Task state's {@code Resource} in process, in place of the Lambda
 * function or service integration that the resource names in AWS.
 */
@FunctionalInterface
public interface TaskInvoker {
    /**
     * Invokes {@code resource} with the state's effective input and returns its raw result
     * ({@code null} counts as JSON null).
     *
     * <p>Throw {@link TaskFailedException} to report a named error. Any other exception is
     * reported the way the Lambda Java runtime reports an uncaught exception: the error is
     * the exception's fully qualified class name.
     */
    JsonNode invoke(String resource, JsonNode effectiveInput) throws Exception;
}
