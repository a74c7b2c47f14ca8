package dev.sspr.adapter.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Creates the template's tables in moto_server and checks what DynamoDB reports about them. */
class TableDefinitionsTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final TableDefinitions DEFINITIONS = TableDefinitions.fromClasspath();
    private static DynamoDbClient client;

    @BeforeAll
    static void createClient() {
        client = MOTO.dynamoDbClient();
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Test
    void classpathTemplate_isTheRepositoryTemplate() throws IOException {
        String repository = Files.readString(Path.of("..", "template.yaml"));
        try (var in = TableDefinitions.class.getResourceAsStream(TableDefinitions.TEMPLATE_RESOURCE)) {
            assertEquals(repository, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void template_definesTheSixTablesOnDemand() {
        assertEquals(Set.of("SessionsTable", "UsersTable", "AuditTable", "LimitsTable", "PushChallengesTable",
                "DevicesTable"), DEFINITIONS.logicalIds());
        for (String logicalId : DEFINITIONS.logicalIds()) {
            assertEquals(BillingMode.PAY_PER_REQUEST,
                    DEFINITIONS.createTableRequest(logicalId, "x").billingMode(), logicalId);
        }
        assertEquals(Optional.of("ttl"), DEFINITIONS.ttlAttribute("SessionsTable"));
        assertEquals(Optional.empty(), DEFINITIONS.ttlAttribute("UsersTable"));
        assertEquals(Optional.of("ttl"), DEFINITIONS.ttlAttribute("AuditTable"));
        assertEquals(Optional.of("ttl"), DEFINITIONS.ttlAttribute("LimitsTable"));
        assertEquals(Optional.of("ttl"), DEFINITIONS.ttlAttribute("PushChallengesTable"));
        assertEquals(Optional.empty(), DEFINITIONS.ttlAttribute("DevicesTable"));
    }

    @Test
    void ensureTables_createsLimitChallengeDeviceTables() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("LimitsTable", "created-limits");
        names.put("PushChallengesTable", "created-push-challenges");
        names.put("DevicesTable", "created-devices");

        List<String> created = DEFINITIONS.ensureTables(client, names);

        assertEquals(List.of("created-limits", "created-push-challenges", "created-devices"), created);
        assertEquals(List.of(key("limitKey", KeyType.HASH), key("kind", KeyType.RANGE)),
                describe("created-limits").keySchema());
        TableDescription challenges = describe("created-push-challenges");
        assertEquals(List.of(key("challengeId", KeyType.HASH)), challenges.keySchema());
        GlobalSecondaryIndexDescription index = challenges.globalSecondaryIndexes().get(0);
        assertEquals("username-index", index.indexName());
        assertEquals(List.of(key("username", KeyType.HASH)), index.keySchema());
        assertEquals(ProjectionType.INCLUDE, index.projection().projectionType());
        assertEquals(Set.of("status", "expiresAt"), Set.copyOf(index.projection().nonKeyAttributes()));
        assertEquals(List.of(key("deviceId", KeyType.HASH)), describe("created-devices").keySchema());

        assertTtl("created-limits", TimeToLiveStatus.ENABLED, "ttl");
        assertTtl("created-push-challenges", TimeToLiveStatus.ENABLED, "ttl");
        assertEquals(TimeToLiveStatus.DISABLED, ttl("created-devices").timeToLiveStatus());
    }

    @Test
    void ensureTables_createsTemplateTables() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("SessionsTable", "created-sessions");
        names.put("UsersTable", "created-users");
        names.put("AuditTable", "created-audit");

        List<String> created = DEFINITIONS.ensureTables(client, names);

        assertEquals(List.of("created-sessions", "created-users", "created-audit"), created);
        TableDescription sessions = describe("created-sessions");
        assertEquals(TableStatus.ACTIVE, sessions.tableStatus());
        assertEquals(List.of(key("resetId", KeyType.HASH)), sessions.keySchema());
        GlobalSecondaryIndexDescription index = sessions.globalSecondaryIndexes().get(0);
        assertEquals("username-index", index.indexName());
        assertEquals(List.of(key("username", KeyType.HASH)), index.keySchema());
        assertEquals(ProjectionType.INCLUDE, index.projection().projectionType());
        assertEquals(Set.of("stage", "expiresAt"), Set.copyOf(index.projection().nonKeyAttributes()));
        assertEquals(List.of(key("username", KeyType.HASH)), describe("created-users").keySchema());
        assertEquals(List.of(key("username", KeyType.HASH), key("eventKey", KeyType.RANGE)),
                describe("created-audit").keySchema());

        assertTtl("created-sessions", TimeToLiveStatus.ENABLED, "ttl");
        assertTtl("created-audit", TimeToLiveStatus.ENABLED, "ttl");
        assertEquals(TimeToLiveStatus.DISABLED, ttl("created-users").timeToLiveStatus());
    }

    @Test
    void ensureTables_keepsExistingTable() {
        client.createTable(DEFINITIONS.createTableRequest("SessionsTable", "existing-sessions"));

        List<String> created = DEFINITIONS.ensureTables(client, Map.of("SessionsTable", "existing-sessions"));
        List<String> again = DEFINITIONS.ensureTables(client, Map.of("SessionsTable", "existing-sessions"));

        assertEquals(List.of(), created);
        assertEquals(List.of(), again);
        assertTtl("existing-sessions", TimeToLiveStatus.ENABLED, "ttl");
    }

    @Test
    void ensureTables_rejectsATableWithAnotherKey() {
        client.createTable(DEFINITIONS.createTableRequest("UsersTable", "wrong-key"));

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> DEFINITIONS.ensureTables(client, Map.of("SessionsTable", "wrong-key")));
        assertTrue(error.getMessage().contains("key schema"), error.getMessage());
    }

    @Test
    void ensureTables_rejectsAnUnknownLogicalId() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DEFINITIONS.ensureTables(client, Map.of("PasswordHistoryTable", "history")));
        assertTrue(error.getMessage().contains("PasswordHistoryTable"), error.getMessage());
    }

    @Test
    void parse_toleratesCloudFormationTagsOutsideTables() {
        TableDefinitions definitions = TableDefinitions.parse("""
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: !Sub "${AWS::StackName}-table"
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Join ["-", [!Ref AWS::StackName, !GetAtt Table.Arn]]
                """);

        assertEquals(Set.of("Table"), definitions.logicalIds());
        assertEquals("mine", definitions.createTableRequest("Table", "mine").tableName());
    }

    @Test
    void parse_rejectsAFunctionInATableProperty() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> TableDefinitions.parse("""
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: !Ref Mode
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                """));
        assertTrue(error.getMessage().contains("!Ref"), error.getMessage());
    }

    @Test
    void parse_rejectsAnUnknownProperty() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> TableDefinitions.parse("""
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                      ImportSourceSpecification: {InputFormat: CSV}
                """));
        assertTrue(error.getMessage().contains("ImportSourceSpecification"), error.getMessage());
    }

    private static TableDescription describe(String table) {
        return client.describeTable(request -> request.tableName(table)).table();
    }

    private static TimeToLiveDescription ttl(String table) {
        return client.describeTimeToLive(request -> request.tableName(table)).timeToLiveDescription();
    }

    private static void assertTtl(String table, TimeToLiveStatus status, String attribute) {
        TimeToLiveDescription description = ttl(table);
        assertEquals(status, description.timeToLiveStatus(), table);
        assertEquals(attribute, description.attributeName(), table);
    }

    private static KeySchemaElement key(String attribute, KeyType type) {
        return KeySchemaElement.builder().attributeName(attribute).keyType(type).build();
    }
}
