package dev.sspr.adapter.dynamodb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The DynamoDB tables of the SAM template, read from {@code template.yaml} so that the local
 * runner and the tests create exactly the tables that AWS does. The template is the only place
 * the tables are defined.
 */
public final class TableDefinitions {
    /** The classpath location of the template that the functions jar ships. */
    public static final String TEMPLATE_RESOURCE = "/template.yaml";

    /** How often and how long {@link #ensureTables} polls for a new table to become ACTIVE. */
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final int MAX_POLLS = 120;

    private final Map<String, TableDefinition> tables;

    private TableDefinitions(Map<String, TableDefinition> tables) {
        this.tables = tables;
    }

    /** Reads the table definitions of the template that the functions jar ships. */
    public static TableDefinitions fromClasspath() {
        try (InputStream in = TableDefinitions.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The classpath has no " + TEMPLATE_RESOURCE
                        + "; build the functions module with Maven, which copies it into the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + TEMPLATE_RESOURCE, e);
        }
    }

    /** Reads every {@code AWS::DynamoDB::Table} resource of a CloudFormation or SAM template. */
    public static TableDefinitions parse(String templateYaml) {
        Object template = CloudFormationYaml.parse(templateYaml);
        if (!(template instanceof Map<?, ?> root) || !(root.get("Resources") instanceof Map<?, ?> resources)) {
            throw new IllegalArgumentException("The template has no Resources section");
        }
        Map<String, TableDefinition> tables = new LinkedHashMap<>();
        for (Map.Entry<?, ?> resource : resources.entrySet()) {
            if (resource.getValue() instanceof Map<?, ?> body && "AWS::DynamoDB::Table".equals(body.get("Type"))) {
                String logicalId = (String) resource.getKey();
                tables.put(logicalId, TableDefinition.fromResource(logicalId, body.get("Properties")));
            }
        }
        return new TableDefinitions(tables);
    }

    /** Returns the logical ids of the tables, in template order. */
    public Set<String> logicalIds() {
        return tables.keySet();
    }

    /** Builds the CreateTable request for one table of the template, named {@code tableName}. */
    public CreateTableRequest createTableRequest(String logicalId, String tableName) {
        return definition(logicalId).createTableRequest(tableName);
    }

    /** Returns the TTL attribute of one table, or empty when the template enables no TTL on it. */
    public Optional<String> ttlAttribute(String logicalId) {
        return definition(logicalId).ttlAttribute();
    }

    /**
     * Creates each table that does not exist yet, waits until it is ACTIVE and enables its TTL.
     * An existing table must have the template's key schema and indexes. Its TTL is enabled if it
     * is off, and nothing else about it is changed.
     *
     * @param tableNames the table name to use for each logical id, such as
     *     {@code SessionsTable -> sspr-local-sessions}
     * @return the names of the tables this call created
     * @throws IllegalStateException when an existing table has another key schema, lacks an index
     *     or uses another TTL attribute
     */
    public List<String> ensureTables(DynamoDbClient client, Map<String, String> tableNames) {
        List<String> created = new ArrayList<>();
        try (DynamoDbWaiter waiter = waiter(client)) {
            for (Map.Entry<String, String> entry : tableNames.entrySet()) {
                TableDefinition definition = definition(entry.getKey());
                String tableName = entry.getValue();
                Optional<TableDescription> existing = describe(client, tableName);
                if (existing.isPresent()) {
                    checkMatches(definition, existing.get());
                } else if (create(client, definition.createTableRequest(tableName))) {
                    created.add(tableName);
                }
                waiter.waitUntilTableExists(request -> request.tableName(tableName)).matched().exception()
                        .ifPresent(e -> {
                            throw new IllegalStateException("Table " + tableName + " did not become ACTIVE", e);
                        });
                definition.ttlAttribute().ifPresent(attribute -> enableTtl(client, tableName, attribute));
            }
        }
        return created;
    }

    private TableDefinition definition(String logicalId) {
        TableDefinition definition = tables.get(logicalId);
        if (definition == null) {
            throw new IllegalArgumentException("The template defines no table " + logicalId
                    + "; it defines " + tables.keySet());
        }
        return definition;
    }

    private static DynamoDbWaiter waiter(DynamoDbClient client) {
        return DynamoDbWaiter.builder()
                .client(client)
                .overrideConfiguration(WaiterOverrideConfiguration.builder()
                        .maxAttempts(MAX_POLLS)
                        .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(POLL_INTERVAL))
                        .build())
                .build();
    }

    private static Optional<TableDescription> describe(DynamoDbClient client, String tableName) {
        try {
            return Optional.of(client.describeTable(request -> request.tableName(tableName)).table());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Creates a table; returns false when another process created it first. */
    private static boolean create(DynamoDbClient client, CreateTableRequest request) {
        try {
            client.createTable(request);
            return true;
        } catch (ResourceInUseException e) {
            return false;
        }
    }

    private static void checkMatches(TableDefinition definition, TableDescription table) {
        List<KeySchemaElement> expectedKeys = definition.createTableRequest(table.tableName()).keySchema();
        if (!expectedKeys.equals(table.keySchema())) {
            throw new IllegalStateException("Table " + table.tableName() + " has the key schema " + table.keySchema()
                    + " but the template defines " + expectedKeys + "; delete the table to have it created again");
        }
        List<String> indexes = table.globalSecondaryIndexes().stream()
                .map(GlobalSecondaryIndexDescription::indexName)
                .toList();
        for (String expected : definition.globalSecondaryIndexNames()) {
            if (!indexes.contains(expected)) {
                throw new IllegalStateException("Table " + table.tableName() + " lacks the index " + expected
                        + " that the template defines; delete the table to have it created again");
            }
        }
    }

    private static void enableTtl(DynamoDbClient client, String tableName, String attribute) {
        TimeToLiveDescription ttl = client.describeTimeToLive(request -> request.tableName(tableName))
                .timeToLiveDescription();
        TimeToLiveStatus status = ttl.timeToLiveStatus();
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
            if (!attribute.equals(ttl.attributeName())) {
                throw new IllegalStateException("Table " + tableName + " has TTL on " + ttl.attributeName()
                        + " but the template sets it on " + attribute);
            }
            return;
        }
        client.updateTimeToLive(request -> request
                .tableName(tableName)
                .timeToLiveSpecification(spec -> spec.attributeName(attribute).enabled(true)));
    }
}
