package dev.sspr.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;

/**
 * One run of a definition: the loop that enters states, applies their input and output
 * processing and follows transitions until a terminal state or an uncaught error. Task
 * states are delegated to {@link TaskRunner}. Each instance serves one execution only.
 */
final class Execution {
    private static final System.Logger LOG = System.getLogger(StateMachine.class.getName());

    private final Definition definition;
    private final ExecutionSettings settings;
    private final String executionName;
    private final ObjectNode executionInfo;
    private final ObjectNode stateMachineInfo;
    private final Instant deadline;

    Execution(Definition definition, ExecutionSettings settings, JsonNode input,
            String executionName) {
        this.definition = definition;
        this.settings = settings;
        this.executionName = executionName;
        Instant start = settings.clock().instant();
        this.executionInfo = Json.object()
                .put("Id", settings.executionArn(executionName))
                .put("Name", executionName)
                .put("StartTime", Timestamps.format(start));
        executionInfo.set("Input", input);
        this.stateMachineInfo = Json.object()
                .put("Id", settings.stateMachineArn())
                .put("Name", settings.stateMachineName());
        Integer timeout = definition.timeoutSeconds();
        this.deadline = timeout == null ? null : start.plusSeconds(timeout);
    }

    /** Result of running one state: the next state's name, or {@code null} at the end. */
    record Step(String next, JsonNode output) {
    }

    ExecutionResult run() {
        JsonNode data = executionInfo.get("Input");
        String current = definition.startAt();
        int entered = 0;
        while (true) {
            if (entered == settings.maxTransitions()) {
                return fail(ErrorNames.RUNTIME, "The execution entered " + entered + " states"
                        + " without finishing, the maximum set by maxTransitions. Check the"
                        + " definition for a loop that never ends, or raise the maximum.");
            }
            entered++;
            State state = definition.states().get(current);
            Step step;
            try {
                checkDeadline();
                step = runState(state, data, settings.clock().instant());
            } catch (StatesError e) {
                return fail(e.error(), e.errorCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail(ErrorNames.RUNTIME,
                        "The execution was interrupted in state '" + current + "'.");
            }
            if (step.next() == null) {
                return ExecutionResult.ofSuccess(step.output());
            }
            current = step.next();
            data = step.output();
        }
    }

    private ExecutionResult fail(String error, String cause) {
        // The cause is not logged because it can quote handler messages about user input.
        LOG.log(Level.DEBUG, "Execution {0} failed with error {1}", executionName, error);
        return ExecutionResult.ofFailure(error, cause);
    }

    private Step runState(State state, JsonNode input, Instant enteredTime)
            throws InterruptedException {
        if (state instanceof State.Task task) {
            return new TaskRunner(this, task, input, enteredTime).run();
        }
        JsonNode context = contextObject(state.name(), enteredTime, 0);
        if (state instanceof State.Pass pass) {
            return runPass(pass, input, context);
        }
        if (state instanceof State.Choice choice) {
            return runChoice(choice, input, context);
        }
        if (state instanceof State.Wait wait) {
            return runWait(wait, input, context);
        }
        if (state instanceof State.Succeed succeed) {
            JsonNode effective = succeed.io().effectiveInput(input, context);
            return new Step(null, succeed.io().output(input, effective, context));
        }
        throw failState((State.Fail) state, input, context);
    }

    private Step runPass(State.Pass pass, JsonNode input, JsonNode context) {
        JsonNode effective = pass.io().effectiveInput(input, context);
        JsonNode result = pass.result() == null ? effective : pass.result().deepCopy();
        return transition(pass.transition(), pass.io().output(input, result, context));
    }

    private Step runChoice(State.Choice choice, JsonNode input, JsonNode context) {
        JsonNode effective = choice.io().effectiveInput(input, context);
        String next = null;
        for (State.ChoiceBranch branch : choice.branches()) {
            if (branch.rule().matches(effective, context)) {
                next = branch.next();
                break;
            }
        }
        if (next == null) {
            next = choice.defaultNext();
        }
        if (next == null) {
            throw new StatesError(ErrorNames.NO_CHOICE_MATCHED, "No Choice Rule matched and no"
                    + " Default is set in state '" + choice.name() + "'.");
        }
        return new Step(next, choice.io().output(input, effective, context));
    }

    private Step runWait(State.Wait wait, JsonNode input, JsonNode context)
            throws InterruptedException {
        JsonNode effective = wait.io().effectiveInput(input, context);
        sleep(waitDuration(wait, effective, context));
        return transition(wait.transition(), wait.io().output(input, effective, context));
    }

    private Duration waitDuration(State.Wait wait, JsonNode effective, JsonNode context) {
        if (wait.seconds() != null) {
            return Duration.ofSeconds(wait.seconds());
        }
        if (wait.secondsPath() != null) {
            JsonNode seconds = wait.secondsPath().read(effective, context);
            if (!seconds.isIntegralNumber() || seconds.longValue() < 0) {
                throw StatesError.runtime("SecondsPath '" + wait.secondsPath() + "' in state '"
                        + wait.name() + "' must select a non-negative integer, not " + seconds);
            }
            return Duration.ofSeconds(seconds.longValue());
        }
        Instant until = wait.timestamp();
        if (until == null) {
            JsonNode text = wait.timestampPath().read(effective, context);
            if (!Timestamps.isTimestamp(text)) {
                throw StatesError.runtime("TimestampPath '" + wait.timestampPath() + "' in state '"
                        + wait.name() + "' must select an RFC 3339 timestamp, not " + text);
            }
            until = Timestamps.parse(text.textValue()).orElseThrow();
        }
        Duration remaining = Duration.between(settings.clock().instant(), until);
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    private StatesError failState(State.Fail fail, JsonNode input, JsonNode context) {
        String error = fail.errorPath() == null ? fail.error()
                : stringValue(fail.errorPath().evaluate(input, context), "ErrorPath", fail.name());
        String cause = fail.causePath() == null ? fail.cause()
                : stringValue(fail.causePath().evaluate(input, context), "CausePath", fail.name());
        return new StatesError(error, cause);
    }

    private static String stringValue(JsonNode value, String field, String stateName) {
        if (!value.isTextual()) {
            throw StatesError.runtime(field + " in state '" + stateName + "' must produce a string,"
                    + " not " + Json.describe(value));
        }
        return value.textValue();
    }

    private static Step transition(State.Transition transition, JsonNode output) {
        return new Step(transition.end() ? null : transition.next(), output);
    }

    /** Builds the context object ({@code $$}) for one attempt of a state. */
    JsonNode contextObject(String stateName, Instant enteredTime, int retryCount) {
        ObjectNode context = Json.object();
        context.set("Execution", executionInfo);
        context.set("StateMachine", stateMachineInfo);
        context.putObject("State")
                .put("Name", stateName)
                .put("EnteredTime", Timestamps.format(enteredTime))
                .put("RetryCount", retryCount);
        return context;
    }

    /**
     * Sleeps through the settings' sleeper, but not past the execution's TimeoutSeconds.
     *
     * @throws StatesError an execution timeout when the deadline falls within the sleep
     */
    void sleep(Duration duration) throws InterruptedException {
        if (deadline != null) {
            Duration remaining = Duration.between(settings.clock().instant(), deadline);
            if (remaining.compareTo(duration) < 0) {
                settings.sleeper().sleep(remaining.isNegative() ? Duration.ZERO : remaining);
                throw timeout();
            }
        }
        if (!duration.isZero()) {
            settings.sleeper().sleep(duration);
        }
    }

    private void checkDeadline() {
        if (deadline != null && !settings.clock().instant().isBefore(deadline)) {
            throw timeout();
        }
    }

    private StatesError timeout() {
        return StatesError.executionTimeout("The execution exceeded the definition's"
                + " TimeoutSeconds of " + definition.timeoutSeconds() + ".");
    }

    ExecutionSettings settings() {
        return settings;
    }

    String executionName() {
        return executionName;
    }
}
