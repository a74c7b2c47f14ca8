package dev.sspr.adapter.messaging;

import dev.sspr.core.Secret;
import dev.sspr.core.VoiceScript;
import dev.sspr.core.port.SmsSender;
import dev.sspr.core.port.VoiceCaller;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.MessageType;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.SendTextMessageRequest;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.SendVoiceMessageRequest;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.VoiceId;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Builds the SMS sender and voice caller for AWS Lambda from environment variables, with SDK
 * clients that are built once and shared by every request of the container.
 *
 * <p>The clients use the JDK's URL connection HTTP client and make one attempt per call, because
 * the state machine retries the whole SendCode step, which replaces the code. An SDK retry after a
 * timeout could deliver a second code that is no longer valid.
 *
 * <p>Environment variables:
 * <ul>
 *   <li>{@code AWS_REGION} (required, set by Lambda)
 *   <li>{@code SMS_PROVIDER}: {@code sns} or {@code end-user-messaging} (required)
 *   <li>{@code SMS_SENDER_ID}, {@code SMS_MAX_PRICE_USD}: SNS options, see {@link SmsSettings}
 *   <li>{@code SMS_ORIGINATION_IDENTITY}, {@code VOICE_ORIGINATION_IDENTITY},
 *       {@code MESSAGING_CONFIGURATION_SET}, {@code VOICE_ID}: End User Messaging options, see
 *       {@link EndUserMessagingSettings}. Voice calls always use End User Messaging.
 *   <li>{@code AWS_ENDPOINT_URL_SNS}, {@code AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2}: endpoint
 *       overrides for tests, under the names the AWS SDKs use for service-specific endpoints
 * </ul>
 */
public final class MessagingClients implements AutoCloseable {
    static final String REGION = "AWS_REGION";
    static final String SMS_PROVIDER = "SMS_PROVIDER";
    static final String SMS_SENDER_ID = "SMS_SENDER_ID";
    static final String SMS_MAX_PRICE_USD = "SMS_MAX_PRICE_USD";
    static final String SMS_ORIGINATION_IDENTITY = "SMS_ORIGINATION_IDENTITY";
    static final String VOICE_ORIGINATION_IDENTITY = "VOICE_ORIGINATION_IDENTITY";
    static final String MESSAGING_CONFIGURATION_SET = "MESSAGING_CONFIGURATION_SET";
    static final String VOICE_ID = "VOICE_ID";
    static final String SNS_ENDPOINT = "AWS_ENDPOINT_URL_SNS";
    static final String SMS_VOICE_ENDPOINT = "AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2";

    /** The voice End User Messaging uses when none is given. */
    static final VoiceId DEFAULT_VOICE = VoiceId.MATTHEW;

    // Timeouts per call. The state machine runs the SendCode Task up to 3 times within one API
    // request, and API Gateway gives up on a request after 29 s. Three sends of at most 6 s each,
    // the retry waits and the DynamoDB calls fit in that.
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(6);

    /** The service that sends SMS. */
    public enum SmsProvider {
        SNS("sns"),
        END_USER_MESSAGING("end-user-messaging");

        private final String configValue;

        SmsProvider(String configValue) {
            this.configValue = configValue;
        }

        /**
         * Parses the value of {@code SMS_PROVIDER}, ignoring case and surrounding spaces.
         *
         * @throws IllegalArgumentException if the value is missing or unknown
         */
        public static SmsProvider parse(String value) {
            String normalised = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            for (SmsProvider provider : values()) {
                if (provider.configValue.equals(normalised)) {
                    return provider;
                }
            }
            throw new IllegalArgumentException("Invalid " + SMS_PROVIDER + " \"" + value
                    + "\": set it to sns or end-user-messaging.");
        }
    }

    private final SdkHttpClient httpClient;
    private final SnsClient sns;
    private final PinpointSmsVoiceV2Client smsVoice;
    private final SmsSender smsSender;
    private final VoiceCaller voiceCaller;

    private MessagingClients(Map<String, String> environment, Duration codeLifetime,
            AwsCredentialsProvider credentials) {
        // Reads and checks every setting before building anything, so a bad setting leaks no client.
        Region region = region(environment);
        SmsProvider provider = SmsProvider.parse(environment.get(SMS_PROVIDER));
        EndUserMessagingSettings endUserMessaging = endUserMessagingSettings(environment, codeLifetime);
        SmsSettings snsSettings = new SmsSettings(environment.get(SMS_SENDER_ID), environment.get(SMS_MAX_PRICE_USD));
        URI smsVoiceEndpoint = endpoint(environment, SMS_VOICE_ENDPOINT);
        URI snsEndpoint = endpoint(environment, SNS_ENDPOINT);

        this.httpClient = httpClient();
        this.smsVoice = smsVoiceClient(region, smsVoiceEndpoint, credentials, httpClient);
        this.voiceCaller = new EndUserMessagingVoiceCaller(smsVoice, endUserMessaging);
        if (provider == SmsProvider.SNS) {
            this.sns = snsClient(region, snsEndpoint, credentials, httpClient);
            this.smsSender = new SnsSmsSender(sns, snsSettings);
        } else {
            this.sns = null;
            this.smsSender = new EndUserMessagingSmsSender(smsVoice, endUserMessaging);
        }
    }

    /**
     * Builds the clients from the process environment, with the SDK's default credentials chain.
     * Under SnapStart that chain reads the container credentials that Lambda provides.
     *
     * @param codeLifetime how long a code is valid, which caps how long a message may wait for
     *     delivery
     * @throws IllegalArgumentException if a setting is invalid
     * @throws IllegalStateException if {@code AWS_REGION} is not set
     */
    public static MessagingClients fromEnvironment(Duration codeLifetime) {
        return fromEnvironment(System.getenv(), codeLifetime, DefaultCredentialsProvider.builder().build());
    }

    /** Builds the clients from the given variables and credentials, for tests and other runners. */
    public static MessagingClients fromEnvironment(Map<String, String> environment, Duration codeLifetime,
            AwsCredentialsProvider credentials) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(codeLifetime, "codeLifetime");
        Objects.requireNonNull(credentials, "credentials");
        return new MessagingClients(environment, codeLifetime, credentials);
    }

    public SmsSender smsSender() {
        return smsSender;
    }

    public VoiceCaller voiceCaller() {
        return voiceCaller;
    }

    /**
     * Loads the request, SSML and error-mapping classes so that a SnapStart snapshot contains them.
     * It sends nothing and resolves no credentials.
     */
    public void primeBeforeSnapshot() {
        String sample = "+12055550100";
        Secret script = SsmlScripts.render(VoiceScript.forCode(Secret.of("000000")));
        PublishRequest.builder().phoneNumber(sample).message("priming").build();
        SendTextMessageRequest.builder()
                .destinationPhoneNumber(sample)
                .messageBody("priming")
                .messageType(MessageType.TRANSACTIONAL)
                .build();
        SendVoiceMessageRequest.builder()
                .destinationPhoneNumber(sample)
                .messageBody(script.reveal())
                .voiceId(DEFAULT_VOICE)
                .build();
        DeliveryFailures.translate(AwsServiceException.builder().statusCode(500).build(), "SMS", sample);
        smsVoice.serviceClientConfiguration();
        if (sns != null) {
            sns.serviceClientConfiguration();
        }
    }

    @Override
    public void close() {
        smsVoice.close();
        if (sns != null) {
            sns.close();
        }
        httpClient.close();
    }

    /** Builds an SNS client with the settings every send relies on: one attempt, short timeouts. */
    static SnsClient snsClient(Region region, URI endpoint, AwsCredentialsProvider credentials,
            SdkHttpClient httpClient) {
        var builder = SnsClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(httpClient)
                .overrideConfiguration(overrideConfiguration());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /** Builds an End User Messaging SMS and voice client with the same settings as {@link #snsClient}. */
    static PinpointSmsVoiceV2Client smsVoiceClient(Region region, URI endpoint,
            AwsCredentialsProvider credentials, SdkHttpClient httpClient) {
        var builder = PinpointSmsVoiceV2Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(httpClient)
                .overrideConfiguration(overrideConfiguration());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
    }

    private static ClientOverrideConfiguration overrideConfiguration() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallTimeout(API_CALL_TIMEOUT)
                .build();
    }

    private static Region region(Map<String, String> environment) {
        String region = SmsSettings.blankToNull(environment.get(REGION));
        if (region == null) {
            throw new IllegalStateException(REGION + " is not set: set it to the region of the messaging "
                    + "services, such as us-east-1.");
        }
        return Region.of(region);
    }

    private static EndUserMessagingSettings endUserMessagingSettings(Map<String, String> environment,
            Duration codeLifetime) {
        String voice = SmsSettings.blankToNull(environment.get(VOICE_ID));
        VoiceId voiceId = voice == null ? DEFAULT_VOICE : VoiceId.fromValue(voice.toUpperCase(Locale.ROOT));
        if (voiceId == null || voiceId == VoiceId.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("Invalid " + VOICE_ID + " \"" + voice
                    + "\": use an End User Messaging voice such as MATTHEW or JOANNA.");
        }
        return new EndUserMessagingSettings(environment.get(SMS_ORIGINATION_IDENTITY),
                environment.get(VOICE_ORIGINATION_IDENTITY), environment.get(MESSAGING_CONFIGURATION_SET),
                codeLifetime, voiceId);
    }

    private static URI endpoint(Map<String, String> environment, String name) {
        String value = SmsSettings.blankToNull(environment.get(name));
        if (value == null) {
            return null;
        }
        String help = "Invalid " + name + " \"" + value + "\": use an http or https URL, such as http://127.0.0.1:4566.";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(help, e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException(help);
        }
        return uri;
    }
}
