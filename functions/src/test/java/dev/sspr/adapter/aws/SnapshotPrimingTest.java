package dev.sspr.adapter.aws;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import dev.sspr.adapter.messaging.MessagingClients;
import dev.sspr.core.captcha.ImageCaptchaProvider;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class SnapshotPrimingTest {

    @Test
    void prime_runsWithoutAnyNetworkPeer() {
        // The endpoints point at a closed loopback port: priming must not send, so nothing fails.
        Map<String, String> environment = Map.of(
                "AWS_REGION", "us-east-1",
                "SMS_PROVIDER", "sns",
                "AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:9",
                "AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2", "http://127.0.0.1:9");
        MessagingClients messaging = MessagingClients.fromEnvironment(environment, Duration.ofMinutes(5),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));

        assertDoesNotThrow(() -> new SnapshotPriming(messaging, new ImageCaptchaProvider()).prime());
    }
}
