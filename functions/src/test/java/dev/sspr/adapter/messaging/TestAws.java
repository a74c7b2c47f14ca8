package dev.sspr.adapter.messaging;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * SDK clients for tests: always a loopback endpoint, a fixed region and dummy static credentials,
 * so the SDK never looks for credentials or endpoints elsewhere. They use the production client
 * settings (one attempt per call, the same timeouts).
 */
final class TestAws {
    static final Region REGION = Region.US_EAST_1;
    static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private TestAws() {
    }

    static SnsClient sns(URI loopbackEndpoint, SdkHttpClient httpClient) {
        return MessagingClients.snsClient(REGION, requireLoopback(loopbackEndpoint), CREDENTIALS, httpClient);
    }

    static PinpointSmsVoiceV2Client smsVoice(URI loopbackEndpoint, SdkHttpClient httpClient) {
        return MessagingClients.smsVoiceClient(REGION, requireLoopback(loopbackEndpoint), CREDENTIALS, httpClient);
    }

    static URI requireLoopback(URI endpoint) {
        if (!"127.0.0.1".equals(endpoint.getHost())) {
            throw new IllegalArgumentException("Tests must use a loopback endpoint, not " + endpoint);
        }
        return endpoint;
    }
}
