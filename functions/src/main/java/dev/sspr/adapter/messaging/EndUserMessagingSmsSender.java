package dev.sspr.adapter.messaging;

import dev.sspr.core.Secret;
import dev.sspr.core.port.SmsSender;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.MessageType;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.SendTextMessageRequest;

/** Sends SMS with AWS End User Messaging SMS (SendTextMessage), as transactional messages. */
public final class EndUserMessagingSmsSender implements SmsSender {
    private final PinpointSmsVoiceV2Client client;
    private final EndUserMessagingSettings settings;

    /** Takes a client that does not retry, because the state machine retries the whole step. */
    public EndUserMessagingSmsSender(PinpointSmsVoiceV2Client client, EndUserMessagingSettings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void send(String toE164, Secret text) {
        SendTextMessageRequest request = SendTextMessageRequest.builder()
                .destinationPhoneNumber(toE164)
                .messageBody(text.reveal())
                .messageType(MessageType.TRANSACTIONAL)
                .originationIdentity(settings.smsOriginationIdentity())
                .configurationSetName(settings.configurationSetName())
                .timeToLive(settings.timeToLiveSeconds())
                .build();
        try {
            client.sendTextMessage(request);
        } catch (SdkException e) {
            throw DeliveryFailures.translate(e, "SMS", toE164);
        }
    }
}
