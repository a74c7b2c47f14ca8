package dev.sspr.adapter.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sspr.core.Secret;
import dev.sspr.core.VoiceScript;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Builds the messaging clients from environment maps that point every endpoint at WireMock. */
class MessagingClientsTest {
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    private static final String NUMBER = "+12055550133";

    private WireMockServer server;

    @BeforeEach
    void startServer() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", containing("PinpointSMSVoiceV2."))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withBody("{\"MessageId\": \"message-1\"}")));
        server.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=Publish"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                                + "<PublishResult><MessageId>message-2</MessageId></PublishResult>"
                                + "<ResponseMetadata><RequestId>request-2</RequestId></ResponseMetadata>"
                                + "</PublishResponse>")));
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void endUserMessaging_sendsSmsAndCalls() {
        Map<String, String> environment = environment("end-user-messaging");
        environment.put("VOICE_ID", "joanna");

        try (MessagingClients clients = build(environment)) {
            assertInstanceOf(EndUserMessagingSmsSender.class, clients.smsSender());
            clients.smsSender().send(NUMBER, Secret.of("405912 is your code."));
            clients.voiceCaller().call(NUMBER, VoiceScript.forCode(Secret.of("405912")));
        }

        server.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("PinpointSMSVoiceV2.SendTextMessage"))
                .withRequestBody(equalToJson("""
                        {
                          "DestinationPhoneNumber": "+12055550133",
                          "MessageBody": "405912 is your code.",
                          "MessageType": "TRANSACTIONAL",
                          "OriginationIdentity": "sspr-pool",
                          "ConfigurationSetName": "sspr-messages",
                          "TimeToLive": 300
                        }""")));
        server.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("PinpointSMSVoiceV2.SendVoiceMessage"))
                .withRequestBody(matchingJsonPath("$.VoiceId", equalTo("JOANNA")))
                .withRequestBody(matchingJsonPath("$.OriginationIdentity", equalTo("+18445550199")))
                .withRequestBody(matchingJsonPath("$.TimeToLive", equalTo("300"))));
    }

    @Test
    void sns_sendsSmsWithConfiguredAttributes() {
        try (MessagingClients clients = build(environment("sns"))) {
            assertInstanceOf(SnsSmsSender.class, clients.smsSender());
            clients.smsSender().send(NUMBER, Secret.of("405912 is your code."));
        }

        server.verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=Publish"))
                .withRequestBody(containing("PhoneNumber=%2B12055550133"))
                .withRequestBody(containing("StringValue=SSPR"))
                .withRequestBody(containing("StringValue=0.25")));
    }

    @Test
    void primeBeforeSnapshot_sendsNothing() {
        for (String provider : new String[] {"sns", "end-user-messaging"}) {
            try (MessagingClients clients = build(environment(provider))) {
                clients.primeBeforeSnapshot();
            }
        }

        assertEquals(0, server.getAllServeEvents().size());
    }

    @Test
    void smsProvider_unknownValueIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> build(environment("pinpoint")));

        assertEquals("Invalid SMS_PROVIDER \"pinpoint\": set it to sns or end-user-messaging.", error.getMessage());
    }

    @Test
    void smsProvider_missingValueIsRejected() {
        Map<String, String> environment = environment("sns");
        environment.remove("SMS_PROVIDER");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> build(environment));

        assertEquals("Invalid SMS_PROVIDER \"null\": set it to sns or end-user-messaging.", error.getMessage());
    }

    @Test
    void region_missingIsRejected() {
        Map<String, String> environment = environment("sns");
        environment.remove("AWS_REGION");

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> build(environment));

        assertTrue(error.getMessage().startsWith("AWS_REGION is not set"), error.getMessage());
    }

    @Test
    void voiceId_unknownIsRejected() {
        Map<String, String> environment = environment("sns");
        environment.put("VOICE_ID", "HAL");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> build(environment));

        assertTrue(error.getMessage().startsWith("Invalid VOICE_ID \"HAL\""), error.getMessage());
    }

    @Test
    void endpoint_withoutHttpSchemeIsRejected() {
        Map<String, String> environment = environment("sns");
        environment.put("AWS_ENDPOINT_URL_SNS", "127.0.0.1:4566");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> build(environment));

        assertTrue(error.getMessage().startsWith("Invalid AWS_ENDPOINT_URL_SNS"), error.getMessage());
    }

    @Test
    void codeLifetime_belowServiceMinimumIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MessagingClients.fromEnvironment(environment("sns"), Duration.ofSeconds(3), TestAws.CREDENTIALS));

        assertTrue(error.getMessage().startsWith("Invalid message time to live 3 s"), error.getMessage());
    }

    private MessagingClients build(Map<String, String> environment) {
        return MessagingClients.fromEnvironment(environment, CODE_LIFETIME, TestAws.CREDENTIALS);
    }

    /** Returns every setting, with both endpoints on the loopback WireMock server. */
    private Map<String, String> environment(String provider) {
        String endpoint = "http://127.0.0.1:" + server.port();
        Map<String, String> environment = new HashMap<>();
        environment.put("AWS_REGION", "us-east-1");
        environment.put("SMS_PROVIDER", provider);
        environment.put("SMS_SENDER_ID", "SSPR");
        environment.put("SMS_MAX_PRICE_USD", "0.25");
        environment.put("SMS_ORIGINATION_IDENTITY", "sspr-pool");
        environment.put("VOICE_ORIGINATION_IDENTITY", "+18445550199");
        environment.put("MESSAGING_CONFIGURATION_SET", "sspr-messages");
        environment.put("VOICE_ID", "");
        environment.put("AWS_ENDPOINT_URL_SNS", endpoint);
        environment.put("AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2", endpoint);
        return environment;
    }
}
