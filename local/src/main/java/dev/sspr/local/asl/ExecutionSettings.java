package dev.sspr.local.asl;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.function.DoubleSupplier;

/**
 * Collaborators and limits shared by all executions of one {@link StateMachine}.
 *
 * @param stateMachineName name used in the context object and in the ARNs built from it
 * @param jitter source of values in [0, 1) for retriers with JitterStrategy FULL
 * @param maxTransitions maximum number of states one execution may enter
 * @param taskThreads runs invocations of Task states that have a timeout
 */
record ExecutionSettings(String stateMachineName, TaskInvoker invoker, Sleeper sleeper, Clock clock,
        DoubleSupplier jitter, int maxTransitions, ExecutorService taskThreads) {

    /** Fake region and account of the ARNs in the context object, marking them as local. */
    static final String ARN_PREFIX = "arn:aws:states:local:000000000000:";

    String stateMachineArn() {
        return ARN_PREFIX + "stateMachine:" + stateMachineName;
    }

    String executionArn(String executionName) {
        return ARN_PREFIX + "execution:" + stateMachineName + ":" + executionName;
    }
}
