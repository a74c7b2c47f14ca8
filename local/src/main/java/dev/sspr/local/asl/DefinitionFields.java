package dev.sspr.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reader for the fields of one JSON object in a definition. It remembers which fields
 * were read, so that {@link #rejectUnknown} can report misspelled or unsupported ones, and
 * every message names {@code where} (for example {@code State 'Route'}).
 */
final class DefinitionFields {
    /** Fields AWS accepts that this interpreter rejects, with the feature they belong to. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "Assign", "workflow variables",
            "Arguments", "the JSONata query language",
            "Output", "the JSONata query language",
            "Credentials", "cross-account task credentials",
            "ItemProcessor", "Map states",
            "Iterator", "Map states",
            "Branches", "Parallel states");

    private final JsonNode object;
    private final String where;
    private final Set<String> read = new HashSet<>();

    DefinitionFields(JsonNode object, String where) {
        if (object == null || !object.isObject()) {
            throw new AslDefinitionException(where + " must be a JSON object.");
        }
        this.object = object;
        this.where = where;
    }

    String where() {
        return where;
    }

    /** Returns all field names in definition order, without marking them as read. */
    List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Returns whether the field is present, even with a JSON null value. */
    boolean has(String name) {
        read.add(name);
        return object.has(name);
    }

    /** Returns whether the field is present with the JSON null value. */
    boolean isNull(String name) {
        return has(name) && object.get(name).isNull();
    }

    /** Returns the raw value, or {@code null} when the field is absent. */
    JsonNode node(String name) {
        read.add(name);
        return object.get(name);
    }

    String requiredString(String name) {
        String value = optionalString(name);
        if (value == null) {
            throw error("the field '" + name + "' is required");
        }
        return value;
    }

    /** Returns the string value, or {@code null} when the field is absent. */
    String optionalString(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw error("the field '" + name + "' must be a string, not " + Json.typeName(value));
        }
        return value.textValue();
    }

    /** Returns the integer value within {@code [min, max]}, or {@code null} when absent. */
    Integer optionalInteger(String name, long min, long max) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        boolean inRange = value.isIntegralNumber() && value.canConvertToLong()
                && value.longValue() >= min && value.longValue() <= max;
        if (!inRange) {
            throw error("the field '" + name + "' must be an integer from " + min + " to " + max
                    + ", not " + value);
        }
        return value.intValue();
    }

    /** Returns the number value, or {@code null} when absent. */
    Double optionalNumber(String name, double min) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || value.doubleValue() < min) {
            throw error("the field '" + name + "' must be a number of at least " + min
                    + ", not " + value);
        }
        return value.doubleValue();
    }

    /** Returns the boolean value, or {@code false} when absent. */
    boolean optionalFlag(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw error("the field '" + name + "' must be true or false, not " + value);
        }
        return value.booleanValue();
    }

    /** Returns the elements of a required, non-empty array. */
    List<JsonNode> requiredArray(String name) {
        JsonNode value = node(name);
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw error("the field '" + name + "' must be a non-empty array");
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    /** Returns the elements of an optional array, or an empty list when absent. */
    List<JsonNode> optionalArray(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw error("the field '" + name + "' must be an array, not " + Json.typeName(value));
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    /** Rejects the definition when two mutually exclusive fields are both present. */
    void requireAtMostOne(String... names) {
        List<String> present = new ArrayList<>();
        for (String name : names) {
            if (has(name)) {
                present.add(name);
            }
        }
        if (present.size() > 1) {
            throw error("the fields " + String.join(" and ", present) + " cannot be used together");
        }
    }

    /** Rejects every field that was never read. Call it after reading all supported fields. */
    void rejectUnknown() {
        Set<String> unknown = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(name -> {
            if (!read.contains(name)) {
                unknown.add(name);
            }
        });
        for (String name : unknown) {
            String feature = UNSUPPORTED.get(name);
            if (feature != null) {
                throw error("the field '" + name + "' belongs to " + feature
                        + ", which the local interpreter does not support");
            }
        }
        if (!unknown.isEmpty()) {
            throw error("unknown field(s) " + unknown + ". Check the spelling and that the"
                    + " field is valid for this state type");
        }
    }

    AslDefinitionException error(String problem) {
        return new AslDefinitionException(where + ": " + problem + ".");
    }
}
