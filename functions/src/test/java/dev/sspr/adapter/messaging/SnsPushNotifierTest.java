package dev.sspr.adapter.messaging;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.PushDevice;
import dev.sspr.testing.MotoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/** Publishes wake-up notifications to SNS platform endpoints on a moto_server the test starts. */
class SnsPushNotifierTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private final List<PublishRequest> published = new ArrayList<>();

    @Test
    void notify_publishesADataOnlyMessageToTheEndpoint() {
        try (SnsClient sns = client()) {
            String application = sns.createPlatformApplication(request -> request.name("sspr-app").platform("GCM")
                    .attributes(Map.of("PlatformCredential", "test-server-key"))).platformApplicationArn();
            String endpoint = sns.createPlatformEndpoint(request -> request.platformApplicationArn(application)
                    .token("device-token-1")).endpointArn();

            new SnsPushNotifier(sns).notify(new PushDevice("device-1", "cs0101", "key", endpoint));

            assertEquals(1, published.size());
            PublishRequest request = published.get(0);
            assertEquals(endpoint, request.targetArn());
            assertEquals("json", request.messageStructure());
            assertTrue(request.message().contains("sspr-pending"));
            assertFalse(request.message().contains("cs0101"), "the notification names no user");
        }
    }

    @Test
    void notify_skipsDevicesWithoutEndpointAndSurvivesFailures() {
        try (SnsClient sns = client()) {
            SnsPushNotifier notifier = new SnsPushNotifier(sns);

            notifier.notify(new PushDevice("device-2", "cs0101", "key"));
            assertDoesNotThrow(() -> notifier.notify(new PushDevice("device-3", "cs0101", "key",
                    "arn:aws:sns:us-east-1:123456789012:endpoint/GCM/missing/0000")));

            assertEquals(1, published.size(), "only the device with an endpoint was tried");
        }
    }

    private SnsClient client() {
        return SnsClient.builder()
                .endpointOverride(MOTO.endpoint())
                .region(MotoServer.REGION)
                .credentialsProvider(MotoServer.dummyCredentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(config -> config.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof PublishRequest publish) {
                            published.add(publish);
                        }
                    }
                }))
                .build();
    }
}
