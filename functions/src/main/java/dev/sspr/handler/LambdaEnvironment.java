package dev.sspr.handler;

import dev.sspr.adapter.aws.AwsCoreFactory;
import dev.sspr.core.ResetCore;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Builds the core for AWS Lambda once per container, from the environment variables that
 * template.yaml sets. Under SnapStart the build happens before the snapshot, so restored
 * containers start with clients and keys ready.
 */
final class LambdaEnvironment {
    private LambdaEnvironment() {
    }

    /** Holds the container's core; the JVM builds it on first use, exactly once. */
    private static final class Holder {
        static final ResetCore CORE = AwsCoreFactory.buildForLambda(System.getenv(),
                DefaultCredentialsProvider.builder().build());
    }

    /** Returns the container's core. */
    static ResetCore core() {
        return Holder.CORE;
    }
}
