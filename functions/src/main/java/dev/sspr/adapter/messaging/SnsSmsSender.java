package dev.sspr.adapter.messaging;

import dev.sspr.core.Secret;
import dev.sspr.core.port.SmsSender;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Sends SMS with Amazon SNS Publish to a phone number, as transactional messages, the type SNS
 * offers for time-sensitive messages such as one-time codes.
 */
public final class SnsSmsSender implements SmsSender {
    static final String SMS_TYPE = "AWS.SNS.SMS.SMSType";
    static final String SENDER_ID = "AWS.SNS.SMS.SenderID";
    static final String MAX_PRICE = "AWS.SNS.SMS.MaxPrice";

    private final SnsClient sns;
    private final Map<String, MessageAttributeValue> attributes;

    /** Takes a client that does not retry, because the state machine retries the whole step. */
    public SnsSmsSender(SnsClient sns, SmsSettings settings) {
        this.sns = Objects.requireNonNull(sns, "sns");
        this.attributes = attributes(Objects.requireNonNull(settings, "settings"));
    }

    @Override
    public void send(String toE164, Secret text) {
        PublishRequest request = PublishRequest.builder()
                .phoneNumber(toE164)
                .message(text.reveal())
                .messageAttributes(attributes)
                .build();
        try {
            sns.publish(request);
        } catch (SdkException e) {
            throw DeliveryFailures.translate(e, "SMS", toE164);
        }
    }

    private static Map<String, MessageAttributeValue> attributes(SmsSettings settings) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put(SMS_TYPE, text("Transactional"));
        if (settings.senderId() != null) {
            attributes.put(SENDER_ID, text(settings.senderId()));
        }
        if (settings.maxPriceUsd() != null) {
            attributes.put(MAX_PRICE, MessageAttributeValue.builder()
                    .dataType("Number")
                    .stringValue(settings.maxPriceUsd())
                    .build());
        }
        return Map.copyOf(attributes);
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
