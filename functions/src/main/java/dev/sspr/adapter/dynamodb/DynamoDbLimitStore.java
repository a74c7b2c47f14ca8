package dev.sspr.adapter.dynamodb;

import dev.sspr.core.port.LimitStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Keeps sliding-window counters and locks in a DynamoDB table keyed by {@code limitKey} and
 * {@code kind}. Each limit key has up to two items: kind {@value #EVENTS} holds the counted events,
 * and kind {@value #LOCK} holds a lock.
 *
 * <p>An events item contains {@code eventTimes}, the times of the events still in the window in
 * epoch nanoseconds and oldest first, and a {@code version}. {@link #tryAcquire} reads it with a
 * strongly consistent read, drops the events that left the window, and writes the new list with a
 * PutItem conditioned on the version it read. When another writer came first, the condition fails
 * and it reads again, after a jittered backoff, for at most {@code maxAttempts} rounds. DynamoDB
 * checks the condition and writes atomically, so of N parallel calls on a window with L free
 * slots at most L pass, and exactly min(N, L) unless a call runs out of rounds. A call that is
 * denied writes nothing.
 *
 * <p>Locks are separate items, because a PutItem replaces the whole item: a lock kept on the events
 * item would be lost by the next counted event. A lock item contains {@code lockedUntil} in epoch
 * nanoseconds and is written with a PutItem only if no lock that lasts as long exists.
 *
 * <p>Times are kept to the nanosecond, so an event at t counts until exactly t + window, as in
 * {@link dev.sspr.adapter.memory.InMemoryLimitStore}. The {@code ttl} attribute is the moment the
 * newest event leaves the window, or the lock ends. After it the item no longer affects any answer,
 * so DynamoDB's TTL deletion changes nothing. Errors other than a failed condition reach the
 * caller as the SDK's RuntimeExceptions, after the client's own retries.
 *
 * <p>An events item grows by about 12 bytes per event in the window, by DynamoDB's item-size
 * rules, and each counted event rewrites the whole item, so sliding windows suit small limits per
 * key. Large shared budgets use {@link #tryCount}, a plain counter updated in place.
 */
public final class DynamoDbLimitStore implements LimitStore {
    static final String LIMIT_KEY = "limitKey";
    static final String KIND = "kind";
    static final String EVENTS = "events";
    static final String LOCK = "lock";
    static final String COUNTER = "counter";

    /** The condition of {@link #tryCount}: no counter yet, or one below the limit. */
    static final String COUNT_CONDITION = "attribute_not_exists(#count) OR #count < :limit";
    static final String EVENT_TIMES = "eventTimes";
    static final String VERSION = "version";
    static final String LOCKED_UNTIL = "lockedUntil";
    static final String TTL = "ttl";

    /** The condition of the first write of an events item: no item with its key exists. */
    static final String CREATE_CONDITION = "attribute_not_exists(#limitKey)";

    /** The condition of every later write: the stored version is still the one that was read. */
    static final String UPDATE_CONDITION = "#version = :expected";

    /** The condition of {@link #lock}: no lock exists, or it ends before the new one. */
    static final String LOCK_CONDITION = "attribute_not_exists(#lockedUntil) OR #lockedUntil < :until";

    /**
     * Read-and-write rounds before {@link #tryAcquire} gives up. A round is lost only when another
     * call on the same key counted an event in between. So with a limit below 10, every call is
     * allowed or denied unless slots free up or {@link #clear} runs meanwhile. A larger limit,
     * under a burst of parallel calls on one key, can use up the rounds.
     */
    public static final int DEFAULT_MAX_ATTEMPTS = 10;

    /** The backoff before round n + 1 is random between 0 and min(2^(n-1) × 10 ms, 200 ms). */
    private static final long BACKOFF_BASE_MILLIS = 10;
    private static final long BACKOFF_CAP_MILLIS = 200;

    private final DynamoDbClient client;
    private final String tableName;
    private final int maxAttempts;

    public DynamoDbLimitStore(DynamoDbClient client, String tableName) {
        this(client, tableName, DEFAULT_MAX_ATTEMPTS);
    }

    /**
     * Creates a store that gives up on a contended event after {@code maxAttempts} rounds.
     *
     * @throws IllegalArgumentException when {@code maxAttempts} is below 1
     */
    public DynamoDbLimitStore(DynamoDbClient client, String tableName, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("Invalid maxAttempts " + maxAttempts + ": use 1 or more");
        }
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.maxAttempts = maxAttempts;
    }

    /**
     * {@inheritDoc}
     *
     * @throws LimitStoreContentionException when other calls on the same key won every round
     */
    @Override
    public Admission tryAcquire(String key, int limit, Duration window, Instant now) {
        Map<String, AttributeValue> itemKey = itemKey(key, EVENTS);
        Instant cutoff = now.minus(window);
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Optional<Map<String, AttributeValue>> stored = get(itemKey);
            List<Instant> recent = stored.map(item -> eventsAfter(item, cutoff)).orElseGet(ArrayList::new);

            if (recent.size() >= limit) {
                return new Admission(false, recent.size(), nextSlotAt(recent, window, now));
            }
            recent.add(now);
            recent.sort(null);

            Long expectedVersion = stored.map(item -> Items.requiredNumber(item, VERSION)).orElse(null);
            if (putEvents(itemKey, recent, window, expectedVersion)) {
                return new Admission(true, recent.size(), nextSlotAt(recent, window, now));
            }
            if (attempt < maxAttempts) {
                backOff(attempt, key);
            }
        }
        throw new LimitStoreContentionException("Failed to count an event under the limit key " + key
                + ": other requests changed it first in all " + maxAttempts + " attempts. Retry the request.");
    }

    @Override
    public void lock(String key, Instant until) {
        Map<String, AttributeValue> item = new HashMap<>(itemKey(key, LOCK));
        item.put(LOCKED_UNTIL, Items.number(Items.epochNanos(until)));
        item.put(TTL, Items.ttl(until));
        PutItemRequest request = PutItemRequest.builder()
                .tableName(tableName)
                .item(item)
                .conditionExpression(LOCK_CONDITION)
                .expressionAttributeNames(Map.of("#lockedUntil", LOCKED_UNTIL))
                .expressionAttributeValues(Map.of(":until", item.get(LOCKED_UNTIL)))
                .build();
        try {
            client.putItem(request);
        } catch (ConditionalCheckFailedException e) {
            // A lock that lasts at least as long is in place, and it stays.
        }
    }

    @Override
    public Optional<Instant> lockedUntil(String key, Instant now) {
        return get(itemKey(key, LOCK))
                .map(item -> Items.fromEpochNanos(Items.requiredNumber(item, LOCKED_UNTIL)))
                .filter(until -> until.isAfter(now));
    }

    @Override
    public void clear(String... keys) {
        for (String key : keys) {
            for (String kind : List.of(EVENTS, LOCK, COUNTER)) {
                client.deleteItem(request -> request.tableName(tableName).key(itemKey(key, kind)));
            }
        }
    }

    /**
     * Returns the partition key value for a limit key. A key that DynamoDB would reject (empty, or
     * over 2048 UTF-8 bytes) is replaced by its SHA-256, so every key the core builds can be stored.
     */
    static String partitionKey(String key) {
        Objects.requireNonNull(key, "key");
        if (Items.isValidPartitionKey(key)) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /**
     * Adds one to a counter item with one conditional UpdateItem, so DynamoDB itself keeps parallel
     * calls from passing the limit. The item expires through TTL at {@code expiresAt}.
     */
    @Override
    public Admission tryCount(String key, int limit, Instant expiresAt, Instant now) {
        try {
            UpdateItemResponse response = client.updateItem(UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(itemKey(key, COUNTER))
                    .updateExpression("SET #count = if_not_exists(#count, :zero) + :one, #ttl = :ttl")
                    .conditionExpression(COUNT_CONDITION)
                    .expressionAttributeNames(Map.of("#count", "count", "#ttl", "ttl"))
                    .expressionAttributeValues(Map.of(
                            ":zero", Items.number(0),
                            ":one", Items.number(1),
                            ":limit", Items.number(limit),
                            ":ttl", Items.number(expiresAt.getEpochSecond() + 1)))
                    .returnValues(ReturnValue.UPDATED_NEW)
                    .build());
            int count = Integer.parseInt(response.attributes().get("count").n());
            return new Admission(true, count, expiresAt);
        } catch (ConditionalCheckFailedException e) {
            return new Admission(false, limit, expiresAt);
        }
    }

    private static Map<String, AttributeValue> itemKey(String key, String kind) {
        return Map.of(LIMIT_KEY, Items.string(partitionKey(key)), KIND, Items.string(kind));
    }

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> itemKey) {
        GetItemResponse response = client.getItem(request -> request
                .tableName(tableName)
                .key(itemKey)
                .consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(response.item());
    }

    /** Returns the stored events after {@code cutoff}, oldest first, in a list the caller may change. */
    private static List<Instant> eventsAfter(Map<String, AttributeValue> item, Instant cutoff) {
        AttributeValue value = item.get(EVENT_TIMES);
        List<Instant> times = new ArrayList<>();
        if (value != null) {
            for (AttributeValue stored : value.l()) {
                Instant time = Items.fromEpochNanos(Long.parseLong(stored.n()));
                if (time.isAfter(cutoff)) {
                    times.add(time);
                }
            }
        }
        times.sort(null);
        return times;
    }

    /** Returns when the oldest event leaves the window, or {@code now} for an empty window. */
    private static Instant nextSlotAt(List<Instant> sortedEvents, Duration window, Instant now) {
        return sortedEvents.isEmpty() ? now : sortedEvents.get(0).plus(window);
    }

    /**
     * Writes the events item, conditioned on {@code expectedVersion}, or on the item not existing
     * when it is null.
     *
     * @return false when the condition failed because another writer came first
     */
    private boolean putEvents(Map<String, AttributeValue> itemKey, List<Instant> sortedEvents, Duration window,
            Long expectedVersion) {
        List<AttributeValue> times = new ArrayList<>();
        for (Instant time : sortedEvents) {
            times.add(Items.number(Items.epochNanos(time)));
        }
        Map<String, AttributeValue> item = new HashMap<>(itemKey);
        item.put(EVENT_TIMES, AttributeValue.fromL(times));
        item.put(VERSION, Items.number(expectedVersion == null ? initialVersion() : expectedVersion + 1));
        item.put(TTL, Items.ttl(sortedEvents.get(sortedEvents.size() - 1).plus(window)));

        PutItemRequest.Builder request = PutItemRequest.builder().tableName(tableName).item(item);
        if (expectedVersion == null) {
            request.conditionExpression(CREATE_CONDITION)
                    .expressionAttributeNames(Map.of("#limitKey", LIMIT_KEY));
        } else {
            request.conditionExpression(UPDATE_CONDITION)
                    .expressionAttributeNames(Map.of("#version", VERSION))
                    .expressionAttributeValues(Map.of(":expected", Items.number(expectedVersion)));
        }
        try {
            client.putItem(request.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Returns the version of a new events item: random, not 1. A caller that read an item which
     * {@link #clear} or TTL then deleted must not match the version of the item created after it,
     * or its write would bring back the deleted events and drop the new one.
     */
    private static long initialVersion() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    }

    private static void backOff(int attempt, String key) {
        long ceiling = Math.min(BACKOFF_CAP_MILLIS, BACKOFF_BASE_MILLIS << Math.min(attempt - 1, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LimitStoreContentionException("Interrupted while waiting to retry the limit key " + key);
        }
    }
}
