package dev.sspr.local.asl;

import java.util.Objects;

/**
 * Task failure with an explicit error name and cause, as a Lambda function reports one.
 * Retry and Catch match the error name exactly.
 */
public class TaskFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String error;
    private final String cause;

    /**
     * @param error error name matched by {@code ErrorEquals}, for example
     *     {@code "UserNotFound"}. Names that start with {@code States.} are reserved for the
     *     interpreter.
     * @param cause human-readable description, or {@code null}
     */
    public TaskFailedException(String error, String cause) {
        super(error + (cause == null ? "" : ": " + cause));
        this.error = Objects.requireNonNull(error, "error");
        if (error.isBlank()) {
            throw new IllegalArgumentException("error name must not be blank");
        }
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    /** Returns the human-readable description, or {@code null}. */
    public String cause() {
        return cause;
    }
}
