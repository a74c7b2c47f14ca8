package dev.sspr.local.asl;

/** Error names that the Amazon States Language reserves, all starting with {@code States.}. */
final class ErrorNames {
    /**
     * Wildcard in ErrorEquals that matches every error except States.Runtime and
     * States.DataLimitExceeded.
     */
    static final String ALL = "States.ALL";
    /** Wildcard in ErrorEquals that matches what {@link #ALL} matches except {@link #TIMEOUT}. */
    static final String TASK_FAILED = "States.TaskFailed";
    static final String TIMEOUT = "States.Timeout";
    static final String RUNTIME = "States.Runtime";
    static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
    static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";

    private ErrorNames() {
    }

    /**
     * Returns whether the error ends the execution even when a retrier or catcher names it.
     * AWS documents this for States.Runtime.
     */
    static boolean isTerminal(String error) {
        return RUNTIME.equals(error);
    }

    /**
     * Returns whether an ErrorEquals entry matches the error name. AWS documents that
     * States.ALL matches neither States.Runtime nor States.DataLimitExceeded, so the latter
     * is caught only when named.
     */
    static boolean matches(String errorEqualsEntry, String error) {
        if (isTerminal(error)) {
            return false;
        }
        if (ALL.equals(errorEqualsEntry)) {
            return !DATA_LIMIT_EXCEEDED.equals(error);
        }
        if (TASK_FAILED.equals(errorEqualsEntry)) {
            return !TIMEOUT.equals(error) && !DATA_LIMIT_EXCEEDED.equals(error);
        }
        return errorEqualsEntry.equals(error);
    }
}
