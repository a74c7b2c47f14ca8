package dev.sspr.adapter.messaging;

import dev.sspr.core.TransientDeliveryException;
import dev.sspr.core.phone.PhoneNumbers;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.AccessDeniedException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.ConflictException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.ValidationException;

/**
 * Maps SDK failures of a send to the exceptions the state machine acts on.
 *
 * <ul>
 *   <li>Throttling, HTTP 5xx, I/O errors and timeouts become {@link TransientDeliveryException},
 *       which the SendCode Task retries.
 *   <li>Other service errors, such as an invalid or opted-out number, become
 *       {@link DeliveryRejectedException}, which no retry fixes.
 *   <li>Any other client-side failure, such as missing credentials, is returned unchanged.
 * </ul>
 *
 * <p>Messages name the destination as {@code *****33} and never quote the provider's own
 * message, because a provider's message may repeat the phone number it was given. For the same
 * reason a service error is not attached as the cause.
 */
final class DeliveryFailures {
    private DeliveryFailures() {
    }

    /**
     * Returns the exception to throw for {@code failure}.
     *
     * @param channel what was sent, such as "SMS" or "Voice call", for the message
     */
    static RuntimeException translate(SdkException failure, String channel, String toE164) {
        String destination = channel + " to " + masked(toE164);
        if (failure instanceof AwsServiceException serviceError) {
            String detail = describe(serviceError);
            if (serviceError.isThrottlingException() || serviceError.statusCode() >= 500) {
                return new TransientDeliveryException(destination + " failed with a retryable error: " + detail
                        + ". The state machine retries the step with a new code.");
            }
            return new DeliveryRejectedException(destination + " was rejected: " + detail
                    + ". Check the stored number and the messaging configuration.");
        }
        if (isInputOutputFailure(failure)) {
            return new TransientDeliveryException(destination + " failed before a response arrived: "
                    + failure.getClass().getSimpleName() + ". The state machine retries the step with a new code.",
                    failure);
        }
        return failure;
    }

    /** Masks a number as five asterisks and its last two digits, or returns a fixed phrase for a non-E.164 value. */
    static String masked(String toE164) {
        try {
            return PhoneNumbers.mask(toE164);
        } catch (IllegalArgumentException e) {
            return "a number not in E.164 form";
        }
    }

    /** Describes a service error by its code, reason, status and request id, which contain no personal data. */
    private static String describe(AwsServiceException error) {
        StringBuilder detail = new StringBuilder();
        String code = error.awsErrorDetails() == null ? null : error.awsErrorDetails().errorCode();
        detail.append(code == null ? error.getClass().getSimpleName() : code);
        String reason = reasonOf(error);
        if (reason != null) {
            detail.append(" (reason ").append(reason).append(')');
        }
        detail.append(", HTTP ").append(error.statusCode());
        String requestId = requestIdOf(error);
        if (requestId != null) {
            detail.append(", request id ").append(requestId);
        }
        return detail.toString();
    }

    /**
     * Returns the request id, from the response headers when the exception has none. Some modeled
     * errors, such as InternalServerException of End User Messaging, have a RequestId field in
     * their body that replaces the header value, and it is null when the body has none.
     */
    private static String requestIdOf(AwsServiceException error) {
        if (error.requestId() != null) {
            return error.requestId();
        }
        if (error.awsErrorDetails() == null || error.awsErrorDetails().sdkHttpResponse() == null) {
            return null;
        }
        SdkHttpResponse response = error.awsErrorDetails().sdkHttpResponse();
        return response.firstMatchingHeader("x-amzn-RequestId")
                .or(() -> response.firstMatchingHeader("x-amz-request-id"))
                .orElse(null);
    }

    /** Returns the reason code that End User Messaging adds to some errors, or null. */
    private static String reasonOf(AwsServiceException error) {
        if (error instanceof ValidationException validation) {
            return validation.reasonAsString();
        }
        if (error instanceof ConflictException conflict) {
            return conflict.reasonAsString();
        }
        if (error instanceof ServiceQuotaExceededException quota) {
            return quota.reasonAsString();
        }
        if (error instanceof AccessDeniedException denied) {
            return denied.reasonAsString();
        }
        return null;
    }

    private static boolean isInputOutputFailure(SdkException failure) {
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }
}
