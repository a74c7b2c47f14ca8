package dev.sspr.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one visit of a Task state: input processing, the invocation with its timeout, output
 * processing, then Retry and Catch for errors. Retry counters belong to the visit, so a
 * loop that enters the state again starts them from zero, as in AWS.
 */
final class TaskRunner {
    private static final System.Logger LOG = System.getLogger(StateMachine.class.getName());

    private final Execution execution;
    private final State.Task task;
    private final JsonNode input;
    private final Instant enteredTime;

    TaskRunner(Execution execution, State.Task task, JsonNode input, Instant enteredTime) {
        this.execution = execution;
        this.task = task;
        this.input = input;
        this.enteredTime = enteredTime;
    }

    Execution.Step run() throws InterruptedException {
        List<Retrier> retriers = task.retriers();
        int[] retriesPerRetrier = new int[retriers.size()];
        int retryCount = 0;
        while (true) {
            JsonNode context = execution.contextObject(task.name(), enteredTime, retryCount);
            try {
                JsonNode output = attempt(context);
                State.Transition transition = task.transition();
                return new Execution.Step(transition.end() ? null : transition.next(), output);
            } catch (StatesError e) {
                if (e.isTerminal()) {
                    throw e;
                }
                int index = firstRetrierFor(e.error());
                if (index >= 0 && retriesPerRetrier[index] < retriers.get(index).maxAttempts()) {
                    Duration delay = retriers.get(index).delayBeforeRetry(
                            retriesPerRetrier[index], execution.settings().jitter());
                    retriesPerRetrier[index]++;
                    retryCount++;
                    LOG.log(Level.INFO, "Execution {0}: state ''{1}'' failed with {2}; retry {3}"
                            + " of {4} by Retry[{5}] in {6} ms", execution.executionName(),
                            task.name(), e.error(), retriesPerRetrier[index],
                            retriers.get(index).maxAttempts(), index, delay.toMillis());
                    execution.sleep(delay);
                    continue;
                }
                return catchError(e);
            }
        }
    }

    private JsonNode attempt(JsonNode context) throws InterruptedException {
        InputOutput io = task.io();
        JsonNode effectiveInput = io.effectiveInput(input, context);
        JsonNode rawResult = invoke(effectiveInput, timeout(context));
        JsonNode result = io.effectiveResult(rawResult, context);
        return io.output(input, result, context);
    }

    // NOTE: TimeoutSecondsPath is resolved against the raw state input. The AWS guide only
    // names "the state input", which could also mean the input after InputPath.
    private Duration timeout(JsonNode context) {
        if (task.timeoutSeconds() != null) {
            return Duration.ofSeconds(task.timeoutSeconds());
        }
        if (task.timeoutSecondsPath() == null) {
            return null;
        }
        JsonNode seconds = task.timeoutSecondsPath().read(input, context);
        if (!seconds.isIntegralNumber() || seconds.longValue() < 1) {
            throw StatesError.runtime("TimeoutSecondsPath '" + task.timeoutSecondsPath()
                    + "' in state '" + task.name() + "' must select a positive integer, not "
                    + seconds);
        }
        return Duration.ofSeconds(seconds.longValue());
    }

    /**
     * Calls the invoker with a copy of the effective input, on a worker thread when the task
     * has a timeout. Maps exceptions to errors as the Lambda Java runtime reports them.
     */
    private JsonNode invoke(JsonNode effectiveInput, Duration timeout) throws InterruptedException {
        TaskInvoker invoker = execution.settings().invoker();
        JsonNode payload = effectiveInput.deepCopy();
        if (timeout == null) {
            try {
                return orNull(invoker.invoke(task.resource(), payload));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw taskError(e);
            }
        }
        Future<JsonNode> call = execution.settings().taskThreads()
                .submit(() -> invoker.invoke(task.resource(), payload));
        try {
            return orNull(call.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new StatesError(ErrorNames.TIMEOUT, "State '" + task.name()
                    + "' did not finish within its timeout of " + timeout.toSeconds()
                    + " seconds.");
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw taskError(cause);
            }
            throw (Error) e.getCause();
        }
    }

    private static JsonNode orNull(JsonNode result) {
        return result == null ? Json.NODES.nullNode() : result;
    }

    /**
     * Maps an invoker exception to the error name and cause Step Functions shows for a Lambda
     * function: the named error of a {@link TaskFailedException}, or else the exception's
     * class name with the Lambda Java runtime's error JSON (without the stack trace) as cause.
     */
    static StatesError taskError(Exception e) {
        if (e instanceof TaskFailedException failed) {
            return new StatesError(failed.error(), failed.cause());
        }
        ObjectNode cause = Json.object();
        cause.put("errorMessage", e.getMessage());
        cause.put("errorType", e.getClass().getName());
        return new StatesError(e.getClass().getName(), Json.compact(cause));
    }

    private int firstRetrierFor(String error) {
        List<Retrier> retriers = task.retriers();
        for (int i = 0; i < retriers.size(); i++) {
            if (retriers.get(i).handles(error)) {
                return i;
            }
        }
        return -1;
    }

    private Execution.Step catchError(StatesError e) {
        for (Catcher catcher : task.catchers()) {
            if (catcher.handles(e.error())) {
                ObjectNode errorOutput = Json.object().put("Error", e.error());
                if (e.errorCause() != null) {
                    errorOutput.put("Cause", e.errorCause());
                }
                LOG.log(Level.DEBUG, "Execution {0}: state ''{1}'' caught {2}; continuing with"
                        + " ''{3}''", execution.executionName(), task.name(), e.error(),
                        catcher.next());
                JsonNode output =
                        InputOutput.applyResultPath(catcher.resultPath(), input, errorOutput);
                return new Execution.Step(catcher.next(), output);
            }
        }
        throw e;
    }
}
