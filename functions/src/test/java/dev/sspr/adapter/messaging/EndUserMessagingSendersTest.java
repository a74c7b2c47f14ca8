package dev.sspr.adapter.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.sspr.core.Secret;
import dev.sspr.core.TransientDeliveryException;
import dev.sspr.core.VoiceScript;
import java.net.URI;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.VoiceId;

/**
 * Pins the exact pinpoint-sms-voice-v2 requests (AWS JSON 1.0) of the End User Messaging SMS
 * sender and voice caller against WireMock on loopback, and how each error response is mapped.
 */
class EndUserMessagingSendersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NUMBER = "+12055550133";
    private static final String SEND_TEXT = "PinpointSMSVoiceV2.SendTextMessage";
    private static final String SEND_VOICE = "PinpointSMSVoiceV2.SendVoiceMessage";
    private static final String JSON_1_0 = "application/x-amz-json-1.0";
    private static final EndUserMessagingSettings SETTINGS = new EndUserMessagingSettings(
            "+18445550100", "+18445550199", "sspr-messages", Duration.ofMinutes(5), VoiceId.JOANNA);

    private WireMockServer server;
    private SdkHttpClient httpClient;
    private PinpointSmsVoiceV2Client client;

    @BeforeEach
    void startServer() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", JSON_1_0)
                .withBody("{\"MessageId\": \"message-1\"}")));
        httpClient = MessagingClients.httpClient();
        client = TestAws.smsVoice(URI.create("http://127.0.0.1:" + server.port()), httpClient);
    }

    @AfterEach
    void stopServer() {
        client.close();
        httpClient.close();
        server.stop();
    }

    @Test
    void sms_sendsTransactionalTextMessage() {
        new EndUserMessagingSmsSender(client, SETTINGS).send(NUMBER, Secret.of("405912 is your code."));

        server.verify(1, signedJsonRequest(SEND_TEXT).withRequestBody(equalToJson("""
                {
                  "DestinationPhoneNumber": "+12055550133",
                  "MessageBody": "405912 is your code.",
                  "MessageType": "TRANSACTIONAL",
                  "OriginationIdentity": "+18445550100",
                  "ConfigurationSetName": "sspr-messages",
                  "TimeToLive": 300
                }""")));
    }

    @Test
    void sms_leavesOutUnsetOptions() {
        EndUserMessagingSettings minimal = new EndUserMessagingSettings(null, null, " ", Duration.ofSeconds(90),
                VoiceId.MATTHEW);

        new EndUserMessagingSmsSender(client, minimal).send(NUMBER, Secret.of("405912 is your code."));

        server.verify(1, signedJsonRequest(SEND_TEXT).withRequestBody(equalToJson("""
                {
                  "DestinationPhoneNumber": "+12055550133",
                  "MessageBody": "405912 is your code.",
                  "MessageType": "TRANSACTIONAL",
                  "TimeToLive": 90
                }""")));
    }

    @Test
    void voice_sendsSsmlReadingDigitsTwice() {
        new EndUserMessagingVoiceCaller(client, SETTINGS).call(NUMBER, VoiceScript.forCode(Secret.of("405912")));

        String digits = "<say-as interpret-as=\"digits\">4</say-as><break time=\"400ms\"/>"
                + "<say-as interpret-as=\"digits\">0</say-as><break time=\"400ms\"/>"
                + "<say-as interpret-as=\"digits\">5</say-as><break time=\"400ms\"/>"
                + "<say-as interpret-as=\"digits\">9</say-as><break time=\"400ms\"/>"
                + "<say-as interpret-as=\"digits\">1</say-as><break time=\"400ms\"/>"
                + "<say-as interpret-as=\"digits\">2</say-as><break time=\"400ms\"/>"
                + "<break time=\"1s\"/>";
        String ssml = "<speak>This is your password reset call. Your code is: " + digits
                + "Again, your code is: " + digits + "Goodbye.</speak>";
        ObjectNode expected = JSON.createObjectNode()
                .put("DestinationPhoneNumber", "+12055550133")
                .put("OriginationIdentity", "+18445550199")
                .put("MessageBody", ssml)
                .put("MessageBodyTextType", "SSML")
                .put("VoiceId", "JOANNA")
                .put("ConfigurationSetName", "sspr-messages")
                .put("TimeToLive", 300);
        server.verify(1, signedJsonRequest(SEND_VOICE).withRequestBody(equalToJson(expected.toString())));
    }

    @Test
    void voice_plainScriptIsSentAsText() {
        new EndUserMessagingVoiceCaller(client, SETTINGS).call(NUMBER, Secret.of("Your password was changed."));

        server.verify(1, signedJsonRequest(SEND_VOICE).withRequestBody(equalToJson("""
                {
                  "DestinationPhoneNumber": "+12055550133",
                  "OriginationIdentity": "+18445550199",
                  "MessageBody": "Your password was changed.",
                  "MessageBodyTextType": "TEXT",
                  "VoiceId": "JOANNA",
                  "ConfigurationSetName": "sspr-messages",
                  "TimeToLive": 300
                }""")));
    }

    @Test
    void voice_withoutOriginationIdentityFailsClearly() {
        EndUserMessagingSettings smsOnly = new EndUserMessagingSettings(null, null, null, Duration.ofMinutes(5),
                VoiceId.MATTHEW);
        EndUserMessagingVoiceCaller caller = new EndUserMessagingVoiceCaller(client, smsOnly);

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> caller.call(NUMBER, VoiceScript.forCode(Secret.of("405912"))));

        assertTrue(error.getMessage().contains("VOICE_ORIGINATION_IDENTITY"), error.getMessage());
        server.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    /** Error responses in the AWS JSON 1.0 form, and whether the send may be retried. */
    static Stream<Arguments> errorResponses() {
        return Stream.of(
                Arguments.of(500, "InternalServerException", null, true),
                Arguments.of(503, "ServiceUnavailableException", null, true),
                Arguments.of(400, "ThrottlingException", null, true),
                Arguments.of(400, "ValidationException", "INVALID_PARAMETER", false),
                Arguments.of(400, "ConflictException", "DESTINATION_PHONE_NUMBER_OPTED_OUT", false),
                Arguments.of(402, "ServiceQuotaExceededException", "MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT", false),
                Arguments.of(403, "AccessDeniedException", "ACCOUNT_DISABLED", false));
    }

    @ParameterizedTest(name = "{1} (HTTP {0})")
    @MethodSource("errorResponses")
    void sms_mapsErrorResponse(int status, String type, String reason, boolean retryable) {
        stubError(status, type, reason);
        EndUserMessagingSmsSender sender = new EndUserMessagingSmsSender(client, SETTINGS);

        RuntimeException error = assertThrows(RuntimeException.class,
                () -> sender.send(NUMBER, Secret.of("405912 is your code.")));

        assertEquals(retryable ? TransientDeliveryException.class : DeliveryRejectedException.class,
                error.getClass(), error.getMessage());
        assertTrue(error.getMessage().startsWith("SMS to *****33 "), error.getMessage());
        assertTrue(error.getMessage().contains(type), error.getMessage());
        assertTrue(error.getMessage().contains("HTTP " + status), error.getMessage());
        assertTrue(error.getMessage().contains("request id request-7"), error.getMessage());
        if (reason != null) {
            assertTrue(error.getMessage().contains("reason " + reason), error.getMessage());
        }
        assertFalse(error.getMessage().contains("2055550133"), error.getMessage());
        server.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void voice_serverErrorIsTransient() {
        stubError(500, "InternalServerException", null);
        EndUserMessagingVoiceCaller caller = new EndUserMessagingVoiceCaller(client, SETTINGS);

        TransientDeliveryException error = assertThrows(TransientDeliveryException.class,
                () -> caller.call(NUMBER, VoiceScript.forCode(Secret.of("405912"))));

        assertTrue(error.getMessage().startsWith("Voice call to *****33 failed with a retryable error"),
                error.getMessage());
        server.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void sms_connectionResetIsTransient() {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        EndUserMessagingSmsSender sender = new EndUserMessagingSmsSender(client, SETTINGS);

        TransientDeliveryException error = assertThrows(TransientDeliveryException.class,
                () -> sender.send(NUMBER, Secret.of("405912 is your code.")));

        assertTrue(error.getMessage().startsWith("SMS to *****33 failed before a response arrived"),
                error.getMessage());
        server.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    /** Matches a request signed with SigV4 for the sms-voice service and carrying the operation's target. */
    private static RequestPatternBuilder signedJsonRequest(String target) {
        return postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(target))
                .withHeader("Content-Type", equalTo(JSON_1_0))
                .withHeader("Authorization",
                        matching("AWS4-HMAC-SHA256 Credential=testing/\\d{8}/us-east-1/sms-voice/aws4_request, .*"));
    }

    /** Stubs every request to fail with an error whose message repeats the full number. */
    private void stubError(int status, String type, String reason) {
        String reasonField = reason == null ? "" : ", \"Reason\": \"" + reason + "\"";
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse()
                .withStatus(status)
                .withHeader("Content-Type", JSON_1_0)
                .withHeader("x-amzn-RequestId", "request-7")
                .withBody("{\"__type\": \"com.amazonaws.pinpointsmsvoicev2#" + type + "\", "
                        + "\"Message\": \"Failed for " + NUMBER + "\"" + reasonField + "}")));
    }
}
