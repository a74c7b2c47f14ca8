package dev.sspr.adapter.dynamodb;

import dev.sspr.core.PushDevice;
import dev.sspr.core.port.DeviceRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Keeps enrolled push devices in a DynamoDB table keyed by {@code deviceId}, one item per device
 * with its username and public key. Reads are strongly consistent, so a device can sign requests
 * as soon as {@link #put} returns.
 */
public final class DynamoDbDeviceRegistry implements DeviceRegistry {
    static final String DEVICE_ID = "deviceId";
    static final String USERNAME = "username";
    static final String PUBLIC_KEY = "publicKeyBase64";
    static final String NOTIFICATION_ENDPOINT = "notificationEndpoint";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbDeviceRegistry(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** Adds a device, or replaces the one with the same id and so its key, as enrolment and seeding do. */
    public void put(PushDevice device) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(DEVICE_ID, Items.string(device.deviceId()));
        item.put(USERNAME, Items.string(device.username()));
        item.put(PUBLIC_KEY, Items.string(device.publicKeyBase64()));
        Items.putIfNotNull(item, NOTIFICATION_ENDPOINT, device.notificationEndpoint());
        client.putItem(request -> request.tableName(tableName).item(item));
    }

    @Override
    public Optional<PushDevice> find(String deviceId) {
        if (!Items.isValidPartitionKey(deviceId)) {
            // The id comes from the request path. DynamoDB would reject it as a key, so no device has it.
            return Optional.empty();
        }
        GetItemResponse response = client.getItem(request -> request
                .tableName(tableName)
                .key(Map.of(DEVICE_ID, Items.string(deviceId)))
                .consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        return Optional.of(new PushDevice(
                Items.requiredString(item, DEVICE_ID),
                Items.requiredString(item, USERNAME),
                Items.requiredString(item, PUBLIC_KEY),
                Items.stringOrNull(item, NOTIFICATION_ENDPOINT)));
    }
}
