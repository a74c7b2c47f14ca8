package dev.sspr.adapter.dynamodb;

import dev.sspr.adapter.dynamodb.CloudFormationYaml.Intrinsic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * One {@code AWS::DynamoDB::Table} resource of the template, turned into a CreateTable request
 * and a TTL attribute. Property names and values follow the CloudFormation resource reference.
 */
record TableDefinition(String logicalId, CreateTableRequest request, Optional<String> ttlAttribute) {

    /** Properties that describe the table's shape: the CreateTable request and TTL carry them. */
    private static final Set<String> SHAPE_PROPERTIES = Set.of("AttributeDefinitions", "KeySchema", "BillingMode",
            "ProvisionedThroughput", "GlobalSecondaryIndexes", "LocalSecondaryIndexes", "StreamSpecification",
            "TimeToLiveSpecification");

    /**
     * Properties left out on purpose. The caller chooses the table name; backups, encryption at
     * rest, tags and deletion protection matter for the AWS table but not for a local one.
     */
    private static final Set<String> IGNORED_PROPERTIES = Set.of("TableName", "PointInTimeRecoverySpecification",
            "SSESpecification", "Tags", "DeletionProtectionEnabled", "ContributorInsightsSpecification");

    CreateTableRequest createTableRequest(String tableName) {
        return request.toBuilder().tableName(tableName).build();
    }

    List<String> globalSecondaryIndexNames() {
        return request.globalSecondaryIndexes().stream().map(GlobalSecondaryIndex::indexName).toList();
    }

    /**
     * Reads a table resource's {@code Properties}.
     *
     * @throws IllegalArgumentException for a property this class does not know, or a value written
     *     with a CloudFormation function, which only CloudFormation can resolve
     */
    static TableDefinition fromResource(String logicalId, Object properties) {
        Map<?, ?> props = map(logicalId, "Properties", properties);
        for (Object name : props.keySet()) {
            if (!SHAPE_PROPERTIES.contains(name) && !IGNORED_PROPERTIES.contains(name)) {
                throw new IllegalArgumentException("Table " + logicalId + " has the property " + name
                        + ", which TableDefinitions does not handle yet; add it there");
            }
        }
        Reader reader = new Reader(logicalId);
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .attributeDefinitions(reader.attributeDefinitions(props.get("AttributeDefinitions")))
                .keySchema(reader.keySchema("KeySchema", props.get("KeySchema")));

        // CloudFormation's default billing mode is PROVISIONED.
        String billingMode = props.containsKey("BillingMode")
                ? reader.string("BillingMode", props.get("BillingMode"))
                : BillingMode.PROVISIONED.toString();
        request.billingMode(BillingMode.fromValue(billingMode));
        if (props.containsKey("ProvisionedThroughput")) {
            request.provisionedThroughput(reader.throughput("ProvisionedThroughput", props.get("ProvisionedThroughput")));
        }
        if (props.containsKey("GlobalSecondaryIndexes")) {
            request.globalSecondaryIndexes(reader.globalIndexes(props.get("GlobalSecondaryIndexes")));
        }
        if (props.containsKey("LocalSecondaryIndexes")) {
            request.localSecondaryIndexes(reader.localIndexes(props.get("LocalSecondaryIndexes")));
        }
        if (props.containsKey("StreamSpecification")) {
            Map<?, ?> stream = map(logicalId, "StreamSpecification", props.get("StreamSpecification"));
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(reader.string("StreamViewType", stream.get("StreamViewType")))
                    .build());
        }
        return new TableDefinition(logicalId, request.build(), reader.ttlAttribute(props.get("TimeToLiveSpecification")));
    }

    private static Map<?, ?> map(String logicalId, String property, Object value) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw invalid(logicalId, property, value, "a mapping");
    }

    private static IllegalArgumentException invalid(String logicalId, String property, Object value, String expected) {
        String found = value instanceof Intrinsic intrinsic
                ? "the function " + intrinsic.tag() + ", which only CloudFormation can resolve"
                : String.valueOf(value);
        return new IllegalArgumentException("Table " + logicalId + ": " + property + " must be " + expected
                + " but is " + found);
    }

    /** Reads property values of one table, naming the table and the property in every error. */
    private record Reader(String logicalId) {

        String string(String property, Object value) {
            if (value instanceof String text) {
                return text;
            }
            throw invalid(logicalId, property, value, "a plain value");
        }

        long number(String property, Object value) {
            String text = string(property, value);
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw invalid(logicalId, property, value, "a whole number");
            }
        }

        boolean bool(String property, Object value) {
            String text = string(property, value).toLowerCase(Locale.ROOT);
            if (!text.equals("true") && !text.equals("false")) {
                throw invalid(logicalId, property, value, "true or false");
            }
            return text.equals("true");
        }

        List<?> list(String property, Object value) {
            if (value instanceof List<?> list) {
                return list;
            }
            throw invalid(logicalId, property, value, "a list");
        }

        List<AttributeDefinition> attributeDefinitions(Object value) {
            List<AttributeDefinition> definitions = new ArrayList<>();
            for (Object item : list("AttributeDefinitions", value)) {
                Map<?, ?> attribute = map(logicalId, "AttributeDefinitions", item);
                definitions.add(AttributeDefinition.builder()
                        .attributeName(string("AttributeName", attribute.get("AttributeName")))
                        .attributeType(string("AttributeType", attribute.get("AttributeType")))
                        .build());
            }
            return definitions;
        }

        List<KeySchemaElement> keySchema(String property, Object value) {
            List<KeySchemaElement> keys = new ArrayList<>();
            for (Object item : list(property, value)) {
                Map<?, ?> key = map(logicalId, property, item);
                keys.add(KeySchemaElement.builder()
                        .attributeName(string("AttributeName", key.get("AttributeName")))
                        .keyType(string("KeyType", key.get("KeyType")))
                        .build());
            }
            return keys;
        }

        ProvisionedThroughput throughput(String property, Object value) {
            Map<?, ?> throughput = map(logicalId, property, value);
            return ProvisionedThroughput.builder()
                    .readCapacityUnits(number("ReadCapacityUnits", throughput.get("ReadCapacityUnits")))
                    .writeCapacityUnits(number("WriteCapacityUnits", throughput.get("WriteCapacityUnits")))
                    .build();
        }

        Projection projection(Object value) {
            Map<?, ?> projection = map(logicalId, "Projection", value);
            Projection.Builder builder = Projection.builder()
                    .projectionType(string("ProjectionType", projection.get("ProjectionType")));
            if (projection.containsKey("NonKeyAttributes")) {
                List<String> attributes = new ArrayList<>();
                for (Object attribute : list("NonKeyAttributes", projection.get("NonKeyAttributes"))) {
                    attributes.add(string("NonKeyAttributes", attribute));
                }
                builder.nonKeyAttributes(attributes);
            }
            return builder.build();
        }

        List<GlobalSecondaryIndex> globalIndexes(Object value) {
            List<GlobalSecondaryIndex> indexes = new ArrayList<>();
            for (Object item : list("GlobalSecondaryIndexes", value)) {
                Map<?, ?> index = map(logicalId, "GlobalSecondaryIndexes", item);
                GlobalSecondaryIndex.Builder builder = GlobalSecondaryIndex.builder()
                        .indexName(string("IndexName", index.get("IndexName")))
                        .keySchema(keySchema("KeySchema", index.get("KeySchema")))
                        .projection(projection(index.get("Projection")));
                if (index.containsKey("ProvisionedThroughput")) {
                    builder.provisionedThroughput(throughput("ProvisionedThroughput", index.get("ProvisionedThroughput")));
                }
                indexes.add(builder.build());
            }
            return indexes;
        }

        List<LocalSecondaryIndex> localIndexes(Object value) {
            List<LocalSecondaryIndex> indexes = new ArrayList<>();
            for (Object item : list("LocalSecondaryIndexes", value)) {
                Map<?, ?> index = map(logicalId, "LocalSecondaryIndexes", item);
                indexes.add(LocalSecondaryIndex.builder()
                        .indexName(string("IndexName", index.get("IndexName")))
                        .keySchema(keySchema("KeySchema", index.get("KeySchema")))
                        .projection(projection(index.get("Projection")))
                        .build());
            }
            return indexes;
        }

        Optional<String> ttlAttribute(Object value) {
            if (value == null) {
                return Optional.empty();
            }
            Map<?, ?> ttl = map(logicalId, "TimeToLiveSpecification", value);
            if (!bool("Enabled", ttl.get("Enabled"))) {
                return Optional.empty();
            }
            return Optional.of(string("AttributeName", ttl.get("AttributeName")));
        }
    }
}
