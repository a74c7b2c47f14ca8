package dev.sspr.local.asl;

/**
 * Error raised while a state runs, carrying the error name and cause that Retry, Catch and
 * the failed execution report.
 */
final class StatesError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String error;
    private final String cause;
    private final boolean terminal;

    StatesError(String error, String cause) {
        this(error, cause, ErrorNames.isTerminal(error));
    }

    private StatesError(String error, String cause, boolean terminal) {
        super(error + (cause == null ? "" : ": " + cause), null, false, false);
        this.error = error;
        this.cause = cause;
        this.terminal = terminal;
    }

    static StatesError runtime(String cause) {
        return new StatesError(ErrorNames.RUNTIME, cause);
    }

    static StatesError intrinsicFailure(String cause) {
        return new StatesError(ErrorNames.INTRINSIC_FAILURE, cause);
    }

    /** States.Timeout of the whole execution, which no Retry or Catch handles. */
    static StatesError executionTimeout(String cause) {
        return new StatesError(ErrorNames.TIMEOUT, cause, true);
    }

    /** Returns the error name, or {@code null} for a Fail state without Error. */
    String error() {
        return error;
    }

    /** Returns the description, or {@code null} when the error has none. */
    String errorCause() {
        return cause;
    }

    /** Returns whether the error ends the execution even when a retrier or catcher matches. */
    boolean isTerminal() {
        return terminal;
    }
}
