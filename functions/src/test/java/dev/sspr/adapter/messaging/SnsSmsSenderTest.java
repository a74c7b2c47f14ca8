package dev.sspr.adapter.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sspr.core.Secret;
import dev.sspr.core.TransientDeliveryException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** Sends SMS through a real SNS wire protocol to moto_server, started by the test on loopback. */
class SnsSmsSenderTest {
    private static final String NUMBER = "+12055550133";
    private static final String TEXT = "405912 is your password reset code. It expires in 5 minutes.";

    @TempDir
    static Path workDirectory;

    private static MotoServer moto;
    private static SdkHttpClient httpClient;
    private static SnsClient sns;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.startIfInstalled(workDirectory).orElse(null);
        if (moto != null) {
            httpClient = MessagingClients.httpClient();
            sns = TestAws.sns(moto.endpoint(), httpClient);
        }
    }

    /** Skips each test on its own when moto_server is missing, so the report counts them as skipped. */
    @BeforeEach
    void requireMoto() {
        assumeTrue(moto != null, MotoServer.MISSING);
    }

    @AfterAll
    static void stopMoto() throws Exception {
        if (sns != null) {
            sns.close();
            httpClient.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void send_publishesTransactionalSms() throws Exception {
        SnsSmsSender sender = new SnsSmsSender(sns, new SmsSettings("SSPR", "0.50"));

        moto.startRecording();
        sender.send(NUMBER, Secret.of(TEXT));
        List<String> bodies = moto.stopRecordingAndReadBodies();

        JsonNode sms = moto.publishedSms().get(moto.publishedSms().size() - 1);
        assertEquals(NUMBER, sms.path("phone_number").asText());
        assertEquals(TEXT, sms.path("message").asText());

        Map<String, String> publish = onlyPublish(bodies);
        assertEquals(NUMBER, publish.get("PhoneNumber"));
        assertEquals(TEXT, publish.get("Message"));
        Map<String, String> attributes = messageAttributes(publish);
        assertEquals("String:Transactional", attributes.get("AWS.SNS.SMS.SMSType"));
        assertEquals("String:SSPR", attributes.get("AWS.SNS.SMS.SenderID"));
        assertEquals("Number:0.50", attributes.get("AWS.SNS.SMS.MaxPrice"));
        assertEquals(3, attributes.size());
    }

    @Test
    void send_withoutOptionsSendsOnlySmsType() throws Exception {
        SnsSmsSender sender = new SnsSmsSender(sns, SmsSettings.none());

        moto.startRecording();
        sender.send(NUMBER, Secret.of(TEXT));
        Map<String, String> attributes = messageAttributes(onlyPublish(moto.stopRecordingAndReadBodies()));

        assertEquals(Map.of("AWS.SNS.SMS.SMSType", "String:Transactional"), attributes);
    }

    @Test
    void send_rejectedMessageNamesOnlyMaskedNumber() {
        SnsSmsSender sender = new SnsSmsSender(sns, SmsSettings.none());
        // SNS allows at most 1600 bytes per SMS publish, and moto 5.2.1 rejects more with
        // InvalidParameter (HTTP 400).
        Secret tooLong = Secret.of("1".repeat(1700));

        DeliveryRejectedException error = assertThrows(DeliveryRejectedException.class,
                () -> sender.send(NUMBER, tooLong));

        assertTrue(error.getMessage().contains("SMS to *****33 was rejected: InvalidParameter"), error.getMessage());
        assertTrue(error.getMessage().contains("HTTP 400"), error.getMessage());
        assertFalse(error.getMessage().contains("2055550133"), error.getMessage());
    }

    @Test
    void send_unreachableEndpointIsTransient() throws Exception {
        URI closedPort = URI.create("http://127.0.0.1:" + MotoServer.freeLoopbackPort());
        try (SnsClient unreachable = TestAws.sns(closedPort, httpClient)) {
            SnsSmsSender sender = new SnsSmsSender(unreachable, SmsSettings.none());

            TransientDeliveryException error = assertThrows(TransientDeliveryException.class,
                    () -> sender.send(NUMBER, Secret.of(TEXT)));

            assertTrue(error.getMessage().startsWith("SMS to *****33 failed before a response arrived"),
                    error.getMessage());
            assertFalse(error.getMessage().contains("2055550133"), error.getMessage());
        }
    }

    /** Returns the form fields of the one Publish request among the recorded bodies. */
    private static Map<String, String> onlyPublish(List<String> bodies) {
        List<Map<String, String>> publishes = bodies.stream()
                .map(SnsSmsSenderTest::formFields)
                .filter(fields -> "Publish".equals(fields.get("Action")))
                .toList();
        assertEquals(1, publishes.size(), "Publish requests recorded: " + publishes.size());
        return publishes.get(0);
    }

    /** Collects MessageAttributes.entry.N into name -> "DataType:StringValue". */
    private static Map<String, String> messageAttributes(Map<String, String> publish) {
        Map<String, String> attributes = new TreeMap<>();
        for (int n = 1; publish.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
            String prefix = "MessageAttributes.entry." + n;
            attributes.put(publish.get(prefix + ".Name"),
                    publish.get(prefix + ".Value.DataType") + ":" + publish.get(prefix + ".Value.StringValue"));
        }
        return attributes;
    }

    private static Map<String, String> formFields(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }
}
