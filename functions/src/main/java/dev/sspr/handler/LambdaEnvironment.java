package dev.sspr.handler;

import dev.sspr.core.ResetCore;

/**
 * Builds the core for AWS Lambda once per container, from the environment variables that
 * template.yaml sets.
 */
final class LambdaEnvironment {
    private LambdaEnvironment() {
    }

    /**
     * Returns the container's core.
     *
     * NOTE: the DynamoDB, SNS and End User Messaging adapters do not exist yet, so this fails until
     * they do. The local runner passes its own core to each handler's second constructor instead.
     */
    static ResetCore core() {
        throw new IllegalStateException("The AWS adapters are not built yet; run the local runner instead.");
    }
}
