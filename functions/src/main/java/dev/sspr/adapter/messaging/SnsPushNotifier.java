package dev.sspr.adapter.messaging;

import dev.sspr.core.PushDevice;
import dev.sspr.core.port.PushNotifier;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Wakes an authenticator app through SNS mobile push, publishing to the device's platform
 * endpoint. The notification carries no number, no user and no reset. On waking, the app requests
 * the pending challenges from the signed device endpoint. A failed notification is logged and
 * otherwise ignored, because the app also polls.
 */
public final class SnsPushNotifier implements PushNotifier {
    /** A data-only message per platform, so the app wakes without showing anything by itself. */
    static final String MESSAGE = "{\"default\":\"sspr-pending\","
            + "\"GCM\":\"{\\\"data\\\":{\\\"type\\\":\\\"sspr-pending\\\"}}\","
            + "\"APNS\":\"{\\\"aps\\\":{\\\"content-available\\\":1},\\\"type\\\":\\\"sspr-pending\\\"}\"}";

    private final SnsClient sns;

    public SnsPushNotifier(SnsClient sns) {
        this.sns = Objects.requireNonNull(sns, "sns");
    }

    @Override
    public void notify(PushDevice device) {
        if (device.notificationEndpoint() == null) {
            return;
        }
        try {
            sns.publish(request -> request
                    .targetArn(device.notificationEndpoint())
                    .messageStructure("json")
                    .message(MESSAGE));
        } catch (SdkException e) {
            System.out.println("{\"level\":\"WARN\",\"event\":\"push_notification_failed\",\"deviceId\":\""
                    + device.deviceId().replaceAll("[^A-Za-z0-9_-]", "") + "\",\"exception\":\""
                    + e.getClass().getName() + "\"}");
        }
    }
}
