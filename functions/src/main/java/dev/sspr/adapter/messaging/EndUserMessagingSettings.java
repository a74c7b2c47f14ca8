package dev.sspr.adapter.messaging;

import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.VoiceId;

/**
 * Options for AWS End User Messaging SMS and voice (the pinpoint-sms-voice-v2 API).
 *
 * @param smsOriginationIdentity the phone number, sender ID, pool or their ARN that sends SMS, or
 *     null to let the service choose one of the account's identities
 * @param voiceOriginationIdentity the voice-capable phone number, pool or their ARN that places
 *     calls, or null when voice calls are not set up (a call then fails with a clear message)
 * @param configurationSetName the configuration set whose event destinations record delivery
 *     events, or null for none
 * @param timeToLive how long the service keeps trying to deliver a message. Set it to the code
 *     lifetime at most, so that no code arrives after it has expired
 * @param voiceId the Amazon Polly voice that reads the call
 */
public record EndUserMessagingSettings(
        String smsOriginationIdentity,
        String voiceOriginationIdentity,
        String configurationSetName,
        Duration timeToLive,
        VoiceId voiceId) {

    /** The range of TimeToLive in seconds, from the TimeToLive shape of the pinpoint-sms-voice-v2 model. */
    static final long MIN_TIME_TO_LIVE_SECONDS = 5;
    static final long MAX_TIME_TO_LIVE_SECONDS = 259_200;

    /**
     * Checks the values. A blank identity or configuration set means not set.
     *
     * @throws IllegalArgumentException if the time to live is outside 5 to 259200 seconds or the
     *     voice is unknown to this SDK version
     */
    public EndUserMessagingSettings {
        smsOriginationIdentity = SmsSettings.blankToNull(smsOriginationIdentity);
        voiceOriginationIdentity = SmsSettings.blankToNull(voiceOriginationIdentity);
        configurationSetName = SmsSettings.blankToNull(configurationSetName);
        Objects.requireNonNull(timeToLive, "timeToLive");
        Objects.requireNonNull(voiceId, "voiceId");
        long seconds = timeToLive.toSeconds();
        if (seconds < MIN_TIME_TO_LIVE_SECONDS || seconds > MAX_TIME_TO_LIVE_SECONDS) {
            throw new IllegalArgumentException("Invalid message time to live " + seconds
                    + " s: End User Messaging accepts 5 to 259200 seconds.");
        }
        if (voiceId == VoiceId.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("Invalid voice: use a VoiceId such as MATTHEW or JOANNA.");
        }
    }

    int timeToLiveSeconds() {
        return Math.toIntExact(timeToLive.toSeconds());
    }
}
