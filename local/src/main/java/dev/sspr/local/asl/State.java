package dev.sspr.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** Parsed, validated state of a definition. */
sealed interface State {
    String name();

    /** Transition after a state succeeds: to the {@code next} state, or to the end. */
    record Transition(String next, boolean end) {
        static Transition to(String next) {
            return new Transition(next, false);
        }

        static Transition terminal() {
            return new Transition(null, true);
        }
    }

    /**
     * @param timeoutSeconds TimeoutSeconds, or {@code null} when the task has no timeout
     * @param timeoutSecondsPath TimeoutSecondsPath, or {@code null}
     */
    record Task(String name, String resource, InputOutput io, Transition transition,
            List<Retrier> retriers, List<Catcher> catchers, Integer timeoutSeconds,
            Path timeoutSecondsPath) implements State {
    }

    /** @param result the Result field, or {@code null} to use the effective input as result */
    record Pass(String name, InputOutput io, JsonNode result, Transition transition)
            implements State {
    }

    record ChoiceBranch(ChoiceRule rule, String next) {
    }

    /** @param defaultNext the Default state, or {@code null} */
    record Choice(String name, InputOutput io, List<ChoiceBranch> branches, String defaultNext)
            implements State {
    }

    /** Wait state. Exactly one of the four wait fields is set, and the others are {@code null}. */
    record Wait(String name, InputOutput io, Integer seconds, Path secondsPath, Instant timestamp,
            Path timestampPath, Transition transition) implements State {
    }

    record Succeed(String name, InputOutput io) implements State {
    }

    /** Fail state. Error and cause are each given literally, by an expression, or not at all. */
    record Fail(String name, String error, ValueExpression errorPath, String cause,
            ValueExpression causePath) implements State {
    }
}
