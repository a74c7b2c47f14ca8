package dev.sspr.adapter.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.AuditEvent;
import dev.sspr.testing.MotoServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Runs the audit log against moto_server, with the table created from template.yaml. */
class DynamoDbAuditLogTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String TABLE = "audit-test";
    private static final int RETENTION_DAYS = 30;
    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    private static DynamoDbClient client;
    private static DynamoDbAuditLog log;

    @BeforeAll
    static void createTable() {
        client = MOTO.dynamoDbClient();
        TableDefinitions.fromClasspath().ensureTables(client, Map.of("AuditTable", TABLE));
        log = new DynamoDbAuditLog(client, TABLE, RETENTION_DAYS);
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Test
    void recent_listsOneUsersEventsNewestFirst() {
        // Recorded out of order, and with fractions that sort wrongly as plain ISO-8601 text.
        log.record(event(T0.plusMillis(500), "reset-1", "alice", "verify"));
        log.record(event(T0, "reset-1", "alice", "identify"));
        log.record(event(T0.plusSeconds(2), "reset-1", "alice", "password"));
        log.record(event(T0.plusSeconds(1), "reset-2", "bob", "identify"));

        List<AuditEvent> events = log.recent("alice", 10);

        assertEquals(List.of("password", "verify", "identify"), events.stream().map(AuditEvent::step).toList());
    }

    @Test
    void recent_returnsAtMostLimit() {
        for (int i = 0; i < 5; i++) {
            log.record(event(T0.plusSeconds(i), "reset-3", "carol", "step-" + i));
        }

        List<AuditEvent> events = log.recent("carol", 2);

        assertEquals(List.of("step-4", "step-3"), events.stream().map(AuditEvent::step).toList());
    }

    @Test
    void record_keepsEventsWithTheSameTime() {
        log.record(event(T0, "reset-4", "dave", "first"));
        log.record(event(T0, "reset-4", "dave", "second"));

        assertEquals(2, log.recent("dave", 10).size());
    }

    @Test
    void record_keepsEveryField() {
        AuditEvent event = new AuditEvent(T0.plusNanos(123), "reset-5", "erin", "verify", "sms", "code_invalid",
                "198.51.100.7", "Mozilla/5.0 (X11; Linux x86_64)");

        log.record(event);

        assertEquals(List.of(event), log.recent("erin", 10));
    }

    @Test
    void recent_separatesNoUsernameFromDash() {
        AuditEvent anonymous = new AuditEvent(T0, "reset-6", null, "captcha", null, "issued", null, null);
        AuditEvent dash = event(T0.plusSeconds(1), "reset-7", "-", "identify");
        AuditEvent empty = event(T0.plusSeconds(2), "reset-8", "", "identify");
        log.record(anonymous);
        log.record(dash);
        log.record(empty);

        assertEquals(List.of(anonymous), log.recent(null, 10));
        assertEquals(List.of(dash), log.recent("-", 10));
        assertEquals(List.of(empty), log.recent("", 10));
    }

    @Test
    void item_expiresAfterTheRetentionPeriod() {
        log.record(event(T0, "reset-9", "frank", "identify"));

        Map<String, AttributeValue> item = client.query(request -> request
                .tableName(TABLE)
                .keyConditionExpression("username = :username")
                .expressionAttributeValues(Map.of(":username", AttributeValue.fromS("frank")))).items().get(0);

        long expected = T0.plus(Duration.ofDays(RETENTION_DAYS)).getEpochSecond();
        assertEquals(Long.toString(expected), item.get("ttl").n());
        String eventKey = item.get("eventKey").s();
        assertTrue(eventKey.matches("2026-01-01T12:00:00\\.000000000Z#reset-9#[0-9a-f]{16}"), eventKey);
    }

    @Test
    void recent_rejectsALimitBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> log.recent("alice", 0));
    }

    private static AuditEvent event(Instant time, String resetId, String username, String step) {
        return new AuditEvent(time, resetId, username, step, null, "success", "198.51.100.7", "test-agent");
    }
}
