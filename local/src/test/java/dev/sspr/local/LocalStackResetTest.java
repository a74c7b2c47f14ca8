package dev.sspr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sspr.local.ApiClient.Reply;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Runs the local runner on LocalStack's DynamoDB, where Docker exists. Machines without a Docker
 * engine skip it with a message. NOTE: this test has not run on the project's machines, which
 * have no Docker engine; the same flow runs on moto_server in DynamoDbResetFlowTest.
 */
class LocalStackResetTest {
    private static final String IMAGE = "localstack/localstack:4.4";

    @Test
    void reset_runsOnLocalStackDynamoDb() throws Exception {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker) {
            System.err.println("SKIPPED LocalStackResetTest: no Docker engine, so no LocalStack container");
            Assumptions.assumeTrue(false, "no Docker engine");
        }
        try (LocalStackContainer localStack = new LocalStackContainer(DockerImageName.parse(IMAGE))
                .withServices(LocalStackContainer.Service.DYNAMODB)) {
            localStack.start();
            try (LocalRunner runner = LocalRunner.start(new LocalOptions(0, true, true,
                    localStack.getEndpoint().toString()))) {
                ApiClient api = new ApiClient(runner.baseUri());
                String resetId = api.post("v1/resets", "{}").text("resetId");
                String answer = api.get("dev/captcha/" + resetId).text("answer");
                Reply identified = api.post("v1/resets/" + resetId + "/identify",
                        Map.of("username", "cs0101", "captcha", answer));
                assertEquals("VERIFY_1", identified.text("stage"), identified.toString());
            }
        } catch (IllegalStateException e) {
            fail("LocalStack did not start: " + e.getMessage());
        }
    }
}
