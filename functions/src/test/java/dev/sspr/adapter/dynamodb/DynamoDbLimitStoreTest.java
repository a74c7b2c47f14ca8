package dev.sspr.adapter.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.adapter.LimitStoreContract;
import dev.sspr.core.port.LimitStore;
import dev.sspr.core.port.LimitStore.Admission;
import dev.sspr.testing.MotoServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Runs the limit store contract, and the checks of the DynamoDB item layout and of the optimistic
 * retry loop, against moto_server with the table created from template.yaml.
 *
 * <p>NOTE: the contract's parallel test proves that the read, check and conditional PutItem loop
 * admits exactly the limit when the server applies each conditional PutItem atomically: a loser
 * reads again and decides on the new list instead of counting anyway. moto 5.2.1 takes no lock
 * for a PutItem either, but 1,000 rounds of that test's 12 threads (limit 5, a new key each round,
 * on a 2-core machine) always admitted exactly 5, and none ran out of attempts. That DynamoDB
 * evaluates a condition and its write atomically is AWS's documented behaviour, which no test
 * here can prove.
 */
class DynamoDbLimitStoreTest extends LimitStoreContract {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String TABLE = "limits-test";

    private static DynamoDbClient client;
    private static DynamoDbLimitStore store;

    @BeforeAll
    static void createTable() {
        client = MOTO.dynamoDbClient();
        TableDefinitions.fromClasspath().ensureTables(client, Map.of("LimitsTable", TABLE));
        store = new DynamoDbLimitStore(client, TABLE);
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Override
    protected LimitStore store() {
        return store;
    }

    @Test
    void eventsItem_holdsSortedNanosVersionAndTtl() {
        store.tryAcquire("layout", 5, HOUR, T0.plusSeconds(1));
        Map<String, AttributeValue> first = item("layout", DynamoDbLimitStore.EVENTS);
        store.tryAcquire("layout", 5, HOUR, T0);
        Map<String, AttributeValue> second = item("layout", DynamoDbLimitStore.EVENTS);

        assertEquals(List.of(AttributeValue.fromN(nanos(T0)), AttributeValue.fromN(nanos(T0.plusSeconds(1)))),
                second.get("eventTimes").l(), "event times are epoch nanoseconds, oldest first");
        assertEquals(Long.parseLong(first.get("version").n()) + 1, Long.parseLong(second.get("version").n()));
        long newestLeavesWindow = T0.plusSeconds(1).plus(HOUR).getEpochSecond() + 1;
        assertEquals(Long.toString(newestLeavesWindow), second.get("ttl").n(), "TTL rounds up to whole seconds");
    }

    @Test
    void lockItem_holdsNanosAndTtl() {
        Instant until = T0.plus(Duration.ofHours(24));

        store.lock("lock-layout", until);
        Map<String, AttributeValue> item = item("lock-layout", DynamoDbLimitStore.LOCK);

        assertEquals(nanos(until), item.get("lockedUntil").n());
        assertEquals(Long.toString(until.getEpochSecond() + 1), item.get("ttl").n());
    }

    @Test
    void tryAcquire_writesWithVersionConditions() {
        List<SdkRequest> requests = new CopyOnWriteArrayList<>();
        try (DynamoDbClient capturing = MOTO.dynamoDbClient(onRequest(requests::add))) {
            DynamoDbLimitStore capturedStore = new DynamoDbLimitStore(capturing, TABLE);
            capturedStore.tryAcquire("conditions", 2, HOUR, T0);
            capturedStore.tryAcquire("conditions", 2, HOUR, T0.plusSeconds(1));
            capturedStore.tryAcquire("conditions", 2, HOUR, T0.plusSeconds(2));
        }

        assertEquals(List.of(GetItemRequest.class, PutItemRequest.class, GetItemRequest.class, PutItemRequest.class,
                GetItemRequest.class), requests.stream().map(Object::getClass).toList(), "a denied call writes nothing");
        PutItemRequest create = (PutItemRequest) requests.get(1);
        assertEquals("attribute_not_exists(#limitKey)", create.conditionExpression());
        assertEquals(Map.of("#limitKey", "limitKey"), create.expressionAttributeNames());
        PutItemRequest update = (PutItemRequest) requests.get(3);
        assertEquals("#version = :expected", update.conditionExpression());
        assertEquals(Map.of("#version", "version"), update.expressionAttributeNames());
        assertEquals(Map.of(":expected", create.item().get("version")), update.expressionAttributeValues());
        assertEquals(Long.parseLong(create.item().get("version").n()) + 1,
                Long.parseLong(update.item().get("version").n()));
        assertTrue(((GetItemRequest) requests.get(0)).consistentRead(), "reads must be strongly consistent");
    }

    @Test
    void tryCount_updatesInPlaceUnderTheLimitCondition() {
        List<SdkRequest> requests = new CopyOnWriteArrayList<>();
        try (DynamoDbClient capturing = MOTO.dynamoDbClient(onRequest(requests::add))) {
            new DynamoDbLimitStore(capturing, TABLE).tryCount("count-condition", 5, T0.plus(HOUR), T0);
        }

        assertEquals(List.of(UpdateItemRequest.class), requests.stream().map(Object::getClass).toList(),
                "one write and no read");
        UpdateItemRequest update = (UpdateItemRequest) requests.get(0);
        assertEquals(DynamoDbLimitStore.COUNT_CONDITION, update.conditionExpression());
        assertEquals("attribute_not_exists(#count) OR #count < :limit", update.conditionExpression());
        assertEquals("5", update.expressionAttributeValues().get(":limit").n());
    }

    @Test
    void lock_writesWithTheLongerLockCondition() {
        List<SdkRequest> requests = new CopyOnWriteArrayList<>();
        try (DynamoDbClient capturing = MOTO.dynamoDbClient(onRequest(requests::add))) {
            new DynamoDbLimitStore(capturing, TABLE).lock("lock-condition", T0.plusSeconds(60));
        }

        PutItemRequest put = (PutItemRequest) requests.get(0);
        assertEquals("attribute_not_exists(#lockedUntil) OR #lockedUntil < :until", put.conditionExpression());
        assertEquals(Map.of(":until", AttributeValue.fromN(nanos(T0.plusSeconds(60)))), put.expressionAttributeValues());
    }

    @Test
    void tryAcquire_retriesAfterAConflictingWrite() {
        AtomicInteger conflicts = new AtomicInteger();
        ExecutionInterceptor conflict = onRequest(request -> {
            if (request instanceof PutItemRequest && conflicts.getAndIncrement() == 0) {
                store.tryAcquire("conflict", 5, HOUR, T0.plusSeconds(1));
            }
        });
        Admission admission;
        try (DynamoDbClient conflicted = MOTO.dynamoDbClient(conflict)) {
            admission = new DynamoDbLimitStore(conflicted, TABLE).tryAcquire("conflict", 5, HOUR, T0.plusSeconds(2));
        }

        assertEquals(new Admission(true, 2, T0.plusSeconds(1).plus(HOUR)), admission);
        assertEquals(2, conflicts.get(), "the lost write is tried again once");
    }

    @Test
    void tryAcquire_keepsClearedEventsCleared() {
        store.tryAcquire("cleared-meanwhile", 5, HOUR, T0);
        AtomicInteger puts = new AtomicInteger();
        ExecutionInterceptor clearAndRecount = onRequest(request -> {
            if (request instanceof PutItemRequest && puts.getAndIncrement() == 0) {
                store.clear("cleared-meanwhile");
                store.tryAcquire("cleared-meanwhile", 5, HOUR, T0.plusSeconds(10));
            }
        });
        Admission admission;
        try (DynamoDbClient raced = MOTO.dynamoDbClient(clearAndRecount)) {
            admission = new DynamoDbLimitStore(raced, TABLE).tryAcquire("cleared-meanwhile", 5, HOUR, T0.plusSeconds(20));
        }

        assertEquals(new Admission(true, 2, T0.plusSeconds(10).plus(HOUR)), admission,
                "the write that read the cleared item must fail and count on the new one");
        assertEquals(List.of(AttributeValue.fromN(nanos(T0.plusSeconds(10))),
                AttributeValue.fromN(nanos(T0.plusSeconds(20)))),
                item("cleared-meanwhile", DynamoDbLimitStore.EVENTS).get("eventTimes").l());
    }

    @Test
    void tryAcquire_givesUpAfterMaxAttempts() {
        ExecutionInterceptor alwaysFirst = onRequest(request -> {
            if (request instanceof PutItemRequest) {
                store.tryAcquire("contended", 100, HOUR, T0);
            }
        });
        LimitStoreContentionException error;
        try (DynamoDbClient contended = MOTO.dynamoDbClient(alwaysFirst)) {
            DynamoDbLimitStore loser = new DynamoDbLimitStore(contended, TABLE, 3);
            error = assertThrows(LimitStoreContentionException.class,
                    () -> loser.tryAcquire("contended", 100, HOUR, T0.plusSeconds(1)));
        }

        assertEquals("Failed to count an event under the limit key contended: other requests changed it first in"
                + " all 3 attempts. Retry the request.", error.getMessage());
        assertEquals(new Admission(true, 4, T0.plus(HOUR)), store.tryAcquire("contended", 100, HOUR, T0),
                "only the 3 winning events were counted");
    }

    @Test
    void invalidPartitionKeys_areStoredUnderTheirHash() {
        String longKey = "sends#" + "x".repeat(3000);
        String otherLongKey = "sends#" + "y".repeat(3000);

        Admission empty = store.tryAcquire("", 1, HOUR, T0);
        Admission longOne = store.tryAcquire(longKey, 1, HOUR, T0);
        Admission otherLong = store.tryAcquire(otherLongKey, 1, HOUR, T0);
        store.lock(longKey, T0.plusSeconds(60));

        assertTrue(empty.allowed());
        assertTrue(longOne.allowed());
        assertTrue(otherLong.allowed(), "different long keys must not share a hash");
        assertFalse(store.tryAcquire(longKey, 1, HOUR, T0).allowed());
        assertEquals(Optional.of(T0.plusSeconds(60)), store.lockedUntil(longKey, T0));
        assertTrue(DynamoDbLimitStore.partitionKey(longKey).matches("sha256:[0-9a-f]{64}"));
        assertEquals("sends#cs0101", DynamoDbLimitStore.partitionKey("sends#cs0101"));
    }

    @Test
    void constructor_rejectsZeroAttempts() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new DynamoDbLimitStore(client, TABLE, 0));
        assertEquals("Invalid maxAttempts 0: use 1 or more", error.getMessage());
    }

    @Test
    void missingTable_failsWithTheSdkException() {
        DynamoDbLimitStore missing = new DynamoDbLimitStore(client, "no-such-table");

        assertThrows(ResourceNotFoundException.class, () -> missing.tryAcquire("k", 1, HOUR, T0));
    }

    private static Map<String, AttributeValue> item(String key, String kind) {
        return client.getItem(request -> request
                .tableName(TABLE)
                .key(Map.of("limitKey", AttributeValue.fromS(key), "kind", AttributeValue.fromS(kind)))
                .consistentRead(true)).item();
    }

    private static String nanos(Instant time) {
        return Long.toString(time.getEpochSecond() * 1_000_000_000L + time.getNano());
    }

    /** Builds an interceptor that passes each request to {@code action} before the client sends it. */
    private static ExecutionInterceptor onRequest(Consumer<SdkRequest> action) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                action.accept(context.request());
            }
        };
    }
}
