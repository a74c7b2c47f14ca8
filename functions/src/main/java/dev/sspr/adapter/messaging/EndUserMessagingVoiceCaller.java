package dev.sspr.adapter.messaging;

import dev.sspr.core.Secret;
import dev.sspr.core.VoiceScript;
import dev.sspr.core.port.VoiceCaller;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.SendVoiceMessageRequest;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.VoiceMessageBodyTextType;

/**
 * Places voice calls with AWS End User Messaging (SendVoiceMessage), which reads the script with
 * Amazon Polly. A code script is sent as SSML so that the code is read digit by digit, twice.
 */
public final class EndUserMessagingVoiceCaller implements VoiceCaller {
    private final PinpointSmsVoiceV2Client client;
    private final EndUserMessagingSettings settings;

    /** Takes a client that does not retry, because the state machine retries the whole step. */
    public EndUserMessagingVoiceCaller(PinpointSmsVoiceV2Client client, EndUserMessagingSettings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void call(String toE164, VoiceScript script) {
        send(toE164, SsmlScripts.render(script), VoiceMessageBodyTextType.SSML);
    }

    /** Speaks a script that has no structure as plain text. */
    @Override
    public void call(String toE164, Secret script) {
        send(toE164, script, VoiceMessageBodyTextType.TEXT);
    }

    private void send(String toE164, Secret body, VoiceMessageBodyTextType type) {
        if (settings.voiceOriginationIdentity() == null) {
            throw new IllegalStateException("Voice calls are not set up: set VOICE_ORIGINATION_IDENTITY to a "
                    + "voice-capable phone number or pool of AWS End User Messaging.");
        }
        SendVoiceMessageRequest request = SendVoiceMessageRequest.builder()
                .destinationPhoneNumber(toE164)
                .originationIdentity(settings.voiceOriginationIdentity())
                .messageBody(body.reveal())
                .messageBodyTextType(type)
                .voiceId(settings.voiceId())
                .configurationSetName(settings.configurationSetName())
                .timeToLive(settings.timeToLiveSeconds())
                .build();
        try {
            client.sendVoiceMessage(request);
        } catch (SdkException e) {
            throw DeliveryFailures.translate(e, "Voice call", toE164);
        }
    }
}
