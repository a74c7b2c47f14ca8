package dev.sspr.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared Jackson and Jayway JsonPath setup, and JSON helpers used across the interpreter. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * Jayway configuration over Jackson trees. No options are set, so a definite path that
     * selects nothing raises {@code PathNotFoundException} instead of returning null.
     */
    static final Configuration JSON_PATH = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(MAPPER))
            .mappingProvider(new JacksonMappingProvider(MAPPER))
            .build();

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Returns an int node when the value fits, as Jackson parses JSON, else a long node. */
    static JsonNode integer(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    /** Converts a value that Jayway returned, such as the Integer of {@code length()}. */
    static JsonNode toNode(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        return MAPPER.valueToTree(value);
    }

    /** Serializes without whitespace, for JSON text inside strings and messages. */
    static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Jackson failed to serialize a JSON tree", e);
        }
    }

    static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /**
     * Compares two JSON values, treating numbers as equal when their decimal values are
     * equal, so that {@code 1} equals {@code 1.0} as it does in JSON.
     */
    static boolean sameValue(JsonNode left, JsonNode right) {
        if (left.isNumber() && right.isNumber()) {
            return left.decimalValue().compareTo(right.decimalValue()) == 0;
        }
        if (left.isArray() && right.isArray()) {
            if (left.size() != right.size()) {
                return false;
            }
            for (int i = 0; i < left.size(); i++) {
                if (!sameValue(left.get(i), right.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (left.isObject() && right.isObject()) {
            if (left.size() != right.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : left.properties()) {
                JsonNode other = right.get(field.getKey());
                if (other == null || !sameValue(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return left.equals(right);
    }

    /**
     * Describes a value's shape for error messages without its content, which may contain
     * passwords or codes: the field names of an object, the size of an array, else the type.
     */
    static String describe(JsonNode node) {
        if (node != null && node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            return "an object with the fields " + names;
        }
        if (node != null && node.isArray()) {
            return "an array of " + node.size() + " items";
        }
        return "a value of type " + typeName(node);
    }

    /** Returns the JSON type name used in error messages: object, array, string, ... */
    static String typeName(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        return switch (node.getNodeType()) {
            case OBJECT, POJO -> "object";
            case ARRAY -> "array";
            case STRING, BINARY -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            case MISSING -> "missing";
        };
    }
}
