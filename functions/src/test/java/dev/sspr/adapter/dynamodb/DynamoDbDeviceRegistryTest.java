package dev.sspr.adapter.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.PushDevice;
import dev.sspr.testing.MotoServer;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Runs the device registry against moto_server, with the table created from template.yaml. */
class DynamoDbDeviceRegistryTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String TABLE = "devices-test";

    private static DynamoDbClient client;
    private static DynamoDbDeviceRegistry registry;

    @BeforeAll
    static void createTable() {
        client = MOTO.dynamoDbClient();
        TableDefinitions.fromClasspath().ensureTables(client, Map.of("DevicesTable", TABLE));
        registry = new DynamoDbDeviceRegistry(client, TABLE);
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Test
    void put_thenFindReturnsTheDevice() {
        PushDevice device = new PushDevice("device-1", "cs0101", "MFkwEwYHKoZIzj0CAQ==");

        registry.put(device);

        assertEquals(Optional.of(device), registry.find("device-1"));
        Map<String, AttributeValue> item = client.getItem(request -> request
                .tableName(TABLE)
                .key(Map.of("deviceId", AttributeValue.fromS("device-1")))).item();
        assertEquals(Map.of("deviceId", AttributeValue.fromS("device-1"), "username", AttributeValue.fromS("cs0101"),
                "publicKeyBase64", AttributeValue.fromS("MFkwEwYHKoZIzj0CAQ==")), item);
    }

    @Test
    void put_replacesTheKeyOfAnEnrolledDevice() {
        registry.put(new PushDevice("device-2", "cs0101", "old-key"));

        registry.put(new PushDevice("device-2", "cs0101", "new-key"));

        assertEquals("new-key", registry.find("device-2").orElseThrow().publicKeyBase64());
    }

    @Test
    void find_returnsEmptyForUnknownAndInvalidIds() {
        assertTrue(registry.find("never-enrolled").isEmpty());
        assertTrue(registry.find("").isEmpty(), "an empty key is invalid in DynamoDB");
        assertTrue(registry.find("x".repeat(3000)).isEmpty(), "a key over 2048 bytes is invalid in DynamoDB");
    }
}
