package dev.sspr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.adapter.dynamodb.DynamoDbAuditLog;
import dev.sspr.adapter.dynamodb.DynamoDbLimitStore;
import dev.sspr.adapter.dynamodb.TableDefinitions;
import dev.sspr.core.AuditEvent;
import dev.sspr.core.UserLimits;
import dev.sspr.testing.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Runs the administrator commands against tables on a moto_server the test starts. */
class AdminCommandTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final Map<String, String> ENVIRONMENT = Map.of();

    @Test
    void audit_listsTheUsersEventsNewestFirst() {
        DynamoDbClient client = tables();
        DynamoDbAuditLog log = new DynamoDbAuditLog(client, "sspr-local-audit", 1);
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        log.record(new AuditEvent(now, "ref-1", "cs0201", "identify", null, "success", "192.0.2.1", "agent"));
        log.record(new AuditEvent(now.plusSeconds(5), "ref-1", "cs0201", "verify", "sms", "code_invalid",
                "192.0.2.1", "agent"));
        log.record(new AuditEvent(now, "ref-2", "cs0102", "identify", null, "success", "192.0.2.2", "agent"));

        Result result = run("audit", " CS0201@Example.gov ", "--endpoint", MOTO.endpoint().toString());

        assertEquals(0, result.code(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(3, lines.size(), result.out());
        assertTrue(lines.get(1).contains("verify"), lines.get(1));
        assertTrue(lines.get(1).contains("code_invalid"), lines.get(1));
        assertTrue(lines.get(2).contains("identify"), lines.get(2));
        assertTrue(!result.out().contains("cs0102"), "another user's events are not listed");
        assertTrue(!result.out().contains("192.0.2.2"), "another user's address is not listed");
    }

    @Test
    void unlock_liftsTheLock() {
        DynamoDbLimitStore limits = new DynamoDbLimitStore(tables(), "sspr-local-limits");
        Instant now = Instant.now();
        String lockKey = UserLimits.unlockKeys("cs0101")[0];
        limits.lock(lockKey, now.plusSeconds(3600));

        Result result = run("unlock", "cs0101", "--endpoint", MOTO.endpoint().toString());

        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().startsWith("Unlocked cs0101"), result.out());
        assertTrue(limits.lockedUntil(lockKey, now).isEmpty());
        assertTrue(run("unlock", "cs0101", "--endpoint", MOTO.endpoint().toString()).out().contains("was not locked"));
        assertTrue(run("audit", "cs0101", "--endpoint", MOTO.endpoint().toString()).out().contains("admin_unlock"));
    }

    @Test
    void badUsage_printsTheUsage() {
        Result result = run("audit");

        assertEquals(2, result.code());
        assertTrue(result.err().contains("Usage:"));
        assertEquals(2, run("delete", "cs0101").code());
        assertEquals(2, run("audit", "cs0101", "--limit", "0").code());
    }

    private static DynamoDbClient tables() {
        DynamoDbClient client = MOTO.dynamoDbClient();
        TableDefinitions.fromClasspath().ensureTables(client, LocalStorage.TABLE_NAMES);
        return client;
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AdminCommand.run(List.of(args), ENVIRONMENT, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
