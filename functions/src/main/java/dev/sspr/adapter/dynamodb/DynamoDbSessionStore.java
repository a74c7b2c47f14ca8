package dev.sspr.adapter.dynamodb;

import dev.sspr.core.ConcurrentUpdateException;
import dev.sspr.core.ResetIds;
import dev.sspr.core.ResetSession;
import dev.sspr.core.Stage;
import dev.sspr.core.port.SessionStore;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

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

    /** The global secondary index on {@code username} that {@link #cancelOpenResets} queries. */
    static final String USERNAME_INDEX = "username-index";

    /** The condition of a cancellation: the session is still at an open stage. */
    static final String CANCEL_CONDITION =
            "#stage IN (:captcha, :verify1, :verify2, :newPassword, :settingPassword)";

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
            throw new ConcurrentUpdateException("A reset session with reference "
                    + ResetIds.reference(session.id()) + " already exists");
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
                    "Reset session " + ResetIds.reference(session.id()) + " changed since version " + expected
                            + " or does not exist");
        }
        session.setVersion(expected + 1);
    }

    /**
     * Cancels the user's other open sessions: a Query on the username index, then one conditional
     * UpdateItem per session that is still at an open stage. The index is eventually consistent,
     * so a session created a moment before the call may be missed.
     */
    @Override
    public int cancelOpenResets(String username, String exceptResetId, Instant now) {
        if (!Items.isValidPartitionKey(username)) {
            return 0;
        }
        int cancelled = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = client.query(QueryRequest.builder()
                    .tableName(tableName)
                    .indexName(USERNAME_INDEX)
                    .keyConditionExpression("#username = :username")
                    .expressionAttributeNames(Map.of("#username", SessionItems.USERNAME))
                    .expressionAttributeValues(Map.of(":username", Items.string(username)))
                    .exclusiveStartKey(startKey)
                    .build());
            for (Map<String, AttributeValue> item : page.items()) {
                String resetId = Items.requiredString(item, SessionItems.RESET_ID);
                Instant expiresAt = Items.instantOrNull(item, "expiresAt");
                if (!resetId.equals(exceptResetId) && (expiresAt == null || expiresAt.isAfter(now))
                        && cancel(resetId)) {
                    cancelled++;
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                    ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return cancelled;
    }

    private boolean cancel(String resetId) {
        try {
            client.updateItem(UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(Map.of(SessionItems.RESET_ID, Items.string(resetId)))
                    .updateExpression("SET #stage = :cancelled, #version = #version + :one")
                    .conditionExpression(CANCEL_CONDITION)
                    .expressionAttributeNames(Map.of("#stage", "stage", "#version", SessionItems.VERSION))
                    .expressionAttributeValues(Map.of(
                            ":cancelled", Items.string(Stage.CANCELLED.name()),
                            ":captcha", Items.string(Stage.CAPTCHA.name()),
                            ":verify1", Items.string(Stage.VERIFY_1.name()),
                            ":verify2", Items.string(Stage.VERIFY_2.name()),
                            ":newPassword", Items.string(Stage.NEW_PASSWORD.name()),
                            ":settingPassword", Items.string(Stage.SETTING_PASSWORD.name()),
                            ":one", Items.number(1)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
