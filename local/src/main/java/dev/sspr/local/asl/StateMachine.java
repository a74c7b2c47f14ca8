package dev.sspr.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * In-process interpreter for Amazon States Language definitions that use the JSONPath query
 * language, so that the local runner executes the same definition that is deployed to AWS
 * Step Functions. Task states call a {@link TaskInvoker} instead of AWS resources.
 *
 * <p>Supported state types: Task, Choice, Pass, Wait, Succeed and Fail. Definitions with
 * Parallel or Map states, JSONata or workflow variables (Assign) are rejected. HeartbeatSeconds
 * is accepted but not enforced, because in-process invokers send no heartbeats.
 *
 * <p>Instances are immutable after parsing and safe to execute from many threads at once.
 */
public final class StateMachine {
    /** Default of {@link Builder#maxTransitions}. */
    public static final int DEFAULT_MAX_TRANSITIONS = 1000;
    /** Default name in the context object's StateMachine.Name and in the ARNs built from it. */
    public static final String DEFAULT_NAME = "LocalStateMachine";

    private final Definition definition;
    private final ExecutionSettings settings;

    private StateMachine(Definition definition, ExecutionSettings settings) {
        this.definition = definition;
        this.settings = settings;
    }

    /**
     * Parses a definition, replacing {@code ${Name}} placeholders from {@code substitutions}
     * first, as SAM DefinitionSubstitutions do. Waits really sleep.
     *
     * @throws AslDefinitionException when a placeholder has no substitution or the definition
     *     is invalid. Examples: StartAt or a Next, Default or Catch target names no state, a
     *     state lacks Next or End, or a field is unknown or has the wrong type. A path or
     *     intrinsic function that does not parse and a malformed Choice rule are rejected too,
     *     as are Parallel and Map states, JSONata and workflow variables.
     */
    public static StateMachine parse(String definitionJson, Map<String, String> substitutions,
            TaskInvoker invoker) {
        return builder(definitionJson, invoker).substitutions(substitutions).build();
    }

    /** Parses like {@link #parse(String, Map, TaskInvoker)}, waiting through {@code sleeper}. */
    public static StateMachine parse(String definitionJson, Map<String, String> substitutions,
            TaskInvoker invoker, Sleeper sleeper) {
        return builder(definitionJson, invoker)
                .substitutions(substitutions)
                .sleeper(sleeper)
                .build();
    }

    /** Starts a builder for the remaining options: clock, jitter source, limits and name. */
    public static Builder builder(String definitionJson, TaskInvoker invoker) {
        return new Builder(definitionJson, invoker);
    }

    /**
     * Runs the definition to completion on the calling thread.
     *
     * @param input execution input, where {@code null} counts as {@code {}} as in AWS
     * @param executionName name in the context object, or {@code null} for a random UUID
     * @return SUCCEEDED with the output, or FAILED with the error and cause of the first
     *     error that no Catch handled
     */
    public ExecutionResult execute(JsonNode input, String executionName) {
        JsonNode executionInput = input == null ? Json.object() : input.deepCopy();
        String name = executionName == null ? UUID.randomUUID().toString() : executionName;
        return new Execution(definition, settings, executionInput, name).run();
    }

    /** Returns the state name that StartAt names. */
    public String startAt() {
        return definition.startAt();
    }

    /** Options for {@link StateMachine}. Every option has a default suited to the local runner. */
    public static final class Builder {
        private final String definitionJson;
        private final TaskInvoker invoker;
        private Map<String, String> substitutions = Map.of();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        private int maxTransitions = DEFAULT_MAX_TRANSITIONS;
        private String name = DEFAULT_NAME;

        private Builder(String definitionJson, TaskInvoker invoker) {
            this.definitionJson = Objects.requireNonNull(definitionJson, "definitionJson");
            this.invoker = Objects.requireNonNull(invoker, "invoker");
        }

        /** Sets the values for {@code ${Name}} placeholders. None by default. */
        public Builder substitutions(Map<String, String> substitutions) {
            this.substitutions = Map.copyOf(Objects.requireNonNull(substitutions, "substitutions"));
            return this;
        }

        /** Sets what Wait states and retry intervals call. {@link Sleeper#SYSTEM} by default. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Sets the clock for context object times and Wait timestamps. System UTC by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Sets the source of values in [0, 1) that scale retry delays with FULL jitter. */
        public Builder jitter(DoubleSupplier jitter) {
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        /**
         * Sets the maximum number of states one execution may enter before it fails with
         * States.Runtime, which stops a definition that loops forever.
         * {@value #DEFAULT_MAX_TRANSITIONS} by default.
         */
        public Builder maxTransitions(int maxTransitions) {
            if (maxTransitions < 1) {
                throw new IllegalArgumentException(
                        "maxTransitions must be at least 1, not " + maxTransitions);
            }
            this.maxTransitions = maxTransitions;
            return this;
        }

        /** Sets the state machine name in the context object. {@value #DEFAULT_NAME} by default. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Parses and validates the definition.
         *
         * @throws AslDefinitionException as {@link StateMachine#parse(String, Map, TaskInvoker)}
         */
        public StateMachine build() {
            String resolved = DefinitionSubstitutions.apply(definitionJson, substitutions);
            Definition definition = DefinitionParser.parse(resolved);
            ExecutorService taskThreads = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "asl-task-" + name);
                thread.setDaemon(true);
                return thread;
            });
            ExecutionSettings settings = new ExecutionSettings(
                    name, invoker, sleeper, clock, jitter, maxTransitions, taskThreads);
            return new StateMachine(definition, settings);
        }
    }
}
