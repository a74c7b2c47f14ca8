package dev.sspr.adapter.dynamodb;

import dev.sspr.core.PushChallenge;
import dev.sspr.core.port.PushChallengeStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Keeps push challenges in a DynamoDB table keyed by {@code challengeId}, with a global secondary
 * index on {@code username} for {@link #findOpen}.
 *
 * <p>{@link #complete} is one UpdateItem conditioned on the status being PENDING. DynamoDB checks
 * the condition and writes atomically, so a challenge leaves PENDING exactly once. The {@code ttl} attribute is one hour after the
 * challenge expires, when {@link dev.sspr.adapter.memory.InMemoryPushChallengeStore} drops it too.
 * Reads of the table are strongly consistent. Errors other than a failed condition reach the
 * caller as the SDK's RuntimeExceptions, after the client's own retries.
 */
public final class DynamoDbPushChallengeStore implements PushChallengeStore {
    static final String USERNAME_INDEX = "username-index";

    /** The condition of {@link #create}: no challenge with this id exists. */
    static final String CREATE_CONDITION = "attribute_not_exists(#challengeId)";

    /** The condition of {@link #complete}: the challenge exists and is still pending. */
    static final String COMPLETE_CONDITION = "#status = :pending";

    /** How long a challenge stays in the table after it expires, before TTL may delete it. */
    static final Duration TTL_MARGIN = Duration.ofHours(1);

    static final String CHALLENGE_ID = "challengeId";
    static final String USERNAME = "username";
    static final String STATUS = "status";
    static final String EXPIRES_AT = "expiresAt";
    static final String TTL = "ttl";

    /** The username when it cannot be an index key (empty or too long), so it stays out of the index. */
    private static final String UNINDEXED_USERNAME = "unindexedUsername";
    private static final String RESET_ID = "resetId";
    private static final String NUMBER_DIGEST = "numberDigest";
    private static final String CREATED_AT = "createdAt";
    private static final String REQUESTED_FROM = "requestedFrom";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbPushChallengeStore(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /**
     * Adds a challenge, only if no challenge with its id exists.
     *
     * @throws IllegalStateException when a challenge with the same id exists
     */
    @Override
    public void create(PushChallenge challenge) {
        PutItemRequest request = PutItemRequest.builder()
                .tableName(tableName)
                .item(toItem(challenge))
                .conditionExpression(CREATE_CONDITION)
                .expressionAttributeNames(Map.of("#challengeId", CHALLENGE_ID))
                .build();
        try {
            client.putItem(request);
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("A push challenge with the id " + challenge.id() + " already exists");
        }
    }

    @Override
    public Optional<PushChallenge> find(String challengeId) {
        if (!Items.isValidPartitionKey(challengeId)) {
            // The id comes from the request path. DynamoDB would reject it as a key, so no challenge has it.
            return Optional.empty();
        }
        GetItemResponse response = client.getItem(request -> request
                .tableName(tableName)
                .key(key(challengeId))
                .consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(fromItem(response.item()));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The index is eventually consistent, so each challenge it lists as open is read again from
     * the table, and one completed a moment ago is left out.
     *
     * NOTE: a challenge created within the index's propagation delay may be missing from the list.
     * AWS states that writes usually reach a global secondary index within a second. The
     * authenticator app polls, so it sees the challenge on a later poll.
     */
    @Override
    public List<PushChallenge> findOpen(String username, Instant now) {
        if (!Items.isValidPartitionKey(username)) {
            // Such a username is stored outside the index. No account has it, so no device lists it.
            return List.of();
        }
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(USERNAME_INDEX)
                .keyConditionExpression("#username = :username")
                .expressionAttributeNames(Map.of("#username", USERNAME))
                .expressionAttributeValues(Map.of(":username", Items.string(username)))
                .build();
        List<String> candidates = client.queryPaginator(request).items().stream()
                .filter(item -> isOpen(item, now))
                .map(item -> Items.requiredString(item, CHALLENGE_ID))
                .toList();

        List<PushChallenge> open = new ArrayList<>();
        for (String challengeId : candidates) {
            find(challengeId)
                    .filter(challenge -> challenge.username().equals(username) && challenge.isOpen(now))
                    .ifPresent(open::add);
        }
        open.sort(Comparator.comparing(PushChallenge::createdAt));
        return open;
    }

    @Override
    public boolean complete(String challengeId, PushChallenge.Status status) {
        if (!Items.isValidPartitionKey(challengeId)) {
            return false;
        }
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(tableName)
                .key(key(challengeId))
                .updateExpression("SET #status = :status")
                .conditionExpression(COMPLETE_CONDITION)
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":status", Items.string(status.name()),
                        ":pending", Items.string(PushChallenge.Status.PENDING.name())))
                .build();
        try {
            client.updateItem(request);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Tells whether an index item, which projects only the status and expiry, shows an open challenge. */
    private static boolean isOpen(Map<String, AttributeValue> indexItem, Instant now) {
        return PushChallenge.Status.PENDING.name().equals(Items.stringOrNull(indexItem, STATUS))
                && now.isBefore(Items.requiredInstant(indexItem, EXPIRES_AT));
    }

    private static Map<String, AttributeValue> key(String challengeId) {
        return Map.of(CHALLENGE_ID, Items.string(challengeId));
    }

    static Map<String, AttributeValue> toItem(PushChallenge challenge) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CHALLENGE_ID, Items.string(challenge.id()));
        Items.putIfNotNull(item, RESET_ID, challenge.resetId());
        Objects.requireNonNull(challenge.username(), "challenge.username");
        String usernameAttribute = Items.isValidPartitionKey(challenge.username()) ? USERNAME : UNINDEXED_USERNAME;
        item.put(usernameAttribute, Items.string(challenge.username()));
        Items.putIfNotNull(item, NUMBER_DIGEST, challenge.numberDigest());
        item.put(CREATED_AT, Items.instant(challenge.createdAt()));
        item.put(EXPIRES_AT, Items.instant(challenge.expiresAt()));
        item.put(STATUS, Items.string(challenge.status().name()));
        Items.putIfNotNull(item, REQUESTED_FROM, challenge.requestedFrom());
        item.put(TTL, Items.ttl(challenge.expiresAt().plus(TTL_MARGIN)));
        return item;
    }

    static PushChallenge fromItem(Map<String, AttributeValue> item) {
        String indexed = Items.stringOrNull(item, USERNAME);
        return new PushChallenge(
                Items.requiredString(item, CHALLENGE_ID),
                Items.stringOrNull(item, RESET_ID),
                indexed != null ? indexed : Items.requiredString(item, UNINDEXED_USERNAME),
                Items.stringOrNull(item, NUMBER_DIGEST),
                Items.requiredInstant(item, CREATED_AT),
                Items.requiredInstant(item, EXPIRES_AT),
                PushChallenge.Status.valueOf(Items.requiredString(item, STATUS)),
                Items.stringOrNull(item, REQUESTED_FROM));
    }
}
