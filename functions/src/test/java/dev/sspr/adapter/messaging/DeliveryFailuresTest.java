package dev.sspr.adapter.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.TransientDeliveryException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Error cases the wire tests cannot produce: timeouts, client-side failures and odd numbers. */
class DeliveryFailuresTest {

    @Test
    void apiCallTimeout_isTransient() {
        RuntimeException mapped = DeliveryFailures.translate(
                ApiCallTimeoutException.create(6000), "SMS", "+12055550133");

        assertInstanceOf(TransientDeliveryException.class, mapped);
        assertTrue(mapped.getMessage().startsWith("SMS to *****33 failed before a response arrived"));
    }

    @Test
    void readTimeout_isTransient() {
        SdkClientException failure = SdkClientException.create("Unable to execute HTTP request",
                new SocketTimeoutException("Read timed out"));

        RuntimeException mapped = DeliveryFailures.translate(failure, "SMS", "+12055550133");

        assertInstanceOf(TransientDeliveryException.class, mapped);
        assertSame(failure, mapped.getCause());
    }

    @Test
    void clientFailureWithoutIo_isReturnedUnchanged() {
        SdkClientException missingCredentials = SdkClientException.create("Unable to load credentials");

        assertSame(missingCredentials, DeliveryFailures.translate(missingCredentials, "SMS", "+12055550133"));
    }

    @Test
    void snsThrottling_isTransient() {
        AwsServiceException throttled = AwsServiceException.builder()
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").build())
                .build();

        assertInstanceOf(TransientDeliveryException.class, DeliveryFailures.translate(throttled, "SMS", "+12055550133"));
    }

    @Test
    void masked_invalidNumberIsNotQuoted() {
        assertEquals("a number not in E.164 form", DeliveryFailures.masked("2055550133"));
        assertEquals("*****33", DeliveryFailures.masked("+12055550133"));
    }
}
