package dev.sspr.adapter.dynamodb;

import dev.sspr.core.ConcurrentUpdateException;
import dev.sspr.core.ResetSession;
import dev.sspr.core.port.SessionStore;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Keeps reset sessions in a DynamoDB table keyed by {@code resetId}, one item per session.
 *
 * <p>Every write replaces the whole item under a condition, so of several parallel writes from the
 * same version exactly one succeeds, and the others get {@link ConcurrentUpdateException}. Reads
 * are strongly consistent, so a read after a write returns the written item. The client's retry
 * policy retries throttling and 5xx errors. What still fails reaches the caller as the SDK's
 * {@link software.amazon.awssdk.core.exception.SdkException}, a RuntimeException.
 */
public final class DynamoDbSessionStore implements SessionStore {
    /** The condition of {@link #create}: no session with this id exists. */
    static final String CREATE_CONDITION = "attribute_not_exists(#resetId)";

    /** The condition of {@link #update}: the stored version is still the one the caller read. */
    static final String UPDATE_CONDITION = "#version = :expected";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbSessionStore(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public void create(ResetSession session) {
        PutItemRequest request = PutItemRequest.builder()
                .tableName(tableName)
                .item(SessionItems.toItem(session, 1))
                .conditionExpression(CREATE_CONDITION)
                .expressionAttributeNames(Map.of("#resetId", SessionItems.RESET_ID))
                .build();
        try {
            client.putItem(request);
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException("A reset session with id " + session.id() + " already exists");
        }
        session.setVersion(1);
    }

    @Override
    public Optional<ResetSession> find(String resetId) {
        if (!Items.isValidPartitionKey(resetId)) {
            // The id comes from the request path; DynamoDB would reject it as a key, and no session has it.
            return Optional.empty();
        }
        GetItemResponse response = client.getItem(request -> request
                .tableName(tableName)
                .key(Map.of(SessionItems.RESET_ID, Items.string(resetId)))
                .consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SessionItems.fromItem(response.item()));
    }

    @Override
    public void update(ResetSession session) {
        long expected = session.version();
        PutItemRequest request = PutItemRequest.builder()
                .tableName(tableName)
                .item(SessionItems.toItem(session, expected + 1))
                .conditionExpression(UPDATE_CONDITION)
                .expressionAttributeNames(Map.of("#version", SessionItems.VERSION))
                .expressionAttributeValues(Map.of(":expected", Items.number(expected)))
                .build();
        try {
            client.putItem(request);
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException(
                    "Reset session " + session.id() + " changed since version " + expected + " or does not exist");
        }
        session.setVersion(expected + 1);
    }
}
