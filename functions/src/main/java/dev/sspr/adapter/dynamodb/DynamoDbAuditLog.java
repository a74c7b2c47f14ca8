package dev.sspr.adapter.dynamodb;

import dev.sspr.core.AuditEvent;
import dev.sspr.core.port.AuditLog;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Keeps audit events in a DynamoDB table, partitioned by username and sorted by time, so that an
 * administrator can list one user's events in order. DynamoDB's TTL removes an event once it is
 * {@code retentionDays} old.
 *
 * <p>The partition key is the event's username, or {@value #PLACEHOLDER} for an event without one
 * (such as a CAPTCHA step) and for a username that cannot be a key (empty or over 2048 bytes). The
 * username itself is also stored as {@code eventUsername}, so {@link #recent} can distinguish them.
 */
public final class DynamoDbAuditLog implements AuditLog {
    /** Stands in for a missing or unusable username or reset id in a key. */
    static final String PLACEHOLDER = "-";

    private static final String USERNAME = "username";
    /** The sort key: fixed-width UTC time, reset id and a random suffix, so equal times stay distinct. */
    private static final String EVENT_KEY = "eventKey";
    private static final String EVENT_USERNAME = "eventUsername";
    private static final String TIME = "time";
    private static final String RESET_ID = "resetId";
    private static final String STEP = "step";
    private static final String METHOD = "method";
    private static final String OUTCOME = "outcome";
    private static final String SOURCE_IP = "sourceIp";
    private static final String USER_AGENT = "userAgent";
    private static final String TTL = "ttl";

    /** Always nine fraction digits, so the text order of keys is their time order. */
    private static final DateTimeFormatter KEY_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient client;
    private final String tableName;
    private final Duration retention;
    private final SecureRandom random = new SecureRandom();

    public DynamoDbAuditLog(DynamoDbClient client, String tableName, int retentionDays) {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("Invalid audit retention " + retentionDays + " days: use 1 or more");
        }
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.retention = Duration.ofDays(retentionDays);
    }

    @Override
    public void record(AuditEvent event) {
        Objects.requireNonNull(event.time(), "event.time");
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(USERNAME, Items.string(partitionKey(event.username())));
        item.put(EVENT_KEY, Items.string(eventKey(event)));
        Items.putIfNotNull(item, EVENT_USERNAME, event.username());
        item.put(TIME, Items.instant(event.time()));
        Items.putIfNotNull(item, RESET_ID, event.resetId());
        Items.putIfNotNull(item, STEP, event.step());
        Items.putIfNotNull(item, METHOD, event.method());
        Items.putIfNotNull(item, OUTCOME, event.outcome());
        Items.putIfNotNull(item, SOURCE_IP, event.sourceIp());
        Items.putIfNotNull(item, USER_AGENT, event.userAgent());
        item.put(TTL, Items.number(event.time().plus(retention).getEpochSecond()));
        client.putItem(request -> request.tableName(tableName).item(item));
    }

    /**
     * Lists the newest events of one user, newest first, for administrators.
     *
     * @param username the normalised username, or null for events recorded without one
     * @param limit the maximum number of events to return, at least 1
     */
    public List<AuditEvent> recent(String username, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("Invalid limit " + limit + ": use 1 or more");
        }
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#username = :username")
                .expressionAttributeNames(Map.of("#username", USERNAME))
                .expressionAttributeValues(Map.of(":username", Items.string(partitionKey(username))))
                .scanIndexForward(false)
                .consistentRead(true)
                .limit(limit)
                .build();
        // The placeholder partition contains events of several usernames, so filter before counting.
        return client.queryPaginator(request).items().stream()
                .map(DynamoDbAuditLog::fromItem)
                .filter(event -> Objects.equals(event.username(), username))
                .limit(limit)
                .toList();
    }

    private static String partitionKey(String username) {
        return Items.isValidPartitionKey(username) ? username : PLACEHOLDER;
    }

    private String eventKey(AuditEvent event) {
        byte[] suffix = new byte[8];
        random.nextBytes(suffix);
        String resetId = event.resetId() == null ? PLACEHOLDER : event.resetId();
        return KEY_TIME.format(event.time()) + "#" + resetId + "#" + HexFormat.of().formatHex(suffix);
    }

    private static AuditEvent fromItem(Map<String, AttributeValue> item) {
        return new AuditEvent(
                Items.requiredInstant(item, TIME),
                Items.stringOrNull(item, RESET_ID),
                Items.stringOrNull(item, EVENT_USERNAME),
                Items.stringOrNull(item, STEP),
                Items.stringOrNull(item, METHOD),
                Items.stringOrNull(item, OUTCOME),
                Items.stringOrNull(item, SOURCE_IP),
                Items.stringOrNull(item, USER_AGENT));
    }
}
