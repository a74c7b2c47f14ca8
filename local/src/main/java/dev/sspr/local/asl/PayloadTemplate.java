package dev.sspr.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiled Parameters or ResultSelector value. A field whose name ends in {@code .$} takes
 * its value from a path, a context path ({@code $$}) or an intrinsic function, and loses the
 * suffix in the output. Other values are copied as they are. Nested objects and arrays are
 * processed the same way.
 */
final class PayloadTemplate {
    private static final String DYNAMIC_SUFFIX = ".$";

    private final Node root;

    private PayloadTemplate(Node root) {
        this.root = root;
    }

    /**
     * Compiles {@code template}, checking every path and intrinsic function.
     *
     * @throws AslDefinitionException naming {@code where} on an invalid path, intrinsic or
     *     a field name that appears both with and without {@code .$}
     */
    static PayloadTemplate compile(JsonNode template, String where) {
        return new PayloadTemplate(compileNode(template, where));
    }

    /** Builds the payload from the state data and context object. */
    JsonNode evaluate(JsonNode data, JsonNode context) {
        return root.evaluate(data, context);
    }

    private sealed interface Node {
        JsonNode evaluate(JsonNode data, JsonNode context);
    }

    private record Constant(JsonNode value) implements Node {
        @Override
        public JsonNode evaluate(JsonNode data, JsonNode context) {
            return value.deepCopy();
        }
    }

    private record PathValue(Path path) implements Node {
        @Override
        public JsonNode evaluate(JsonNode data, JsonNode context) {
            return path.read(data, context).deepCopy();
        }
    }

    private record IntrinsicValue(IntrinsicExpression expression) implements Node {
        @Override
        public JsonNode evaluate(JsonNode data, JsonNode context) {
            return expression.evaluate(data, context).deepCopy();
        }
    }

    private record Field(String name, Node value) {
    }

    private record ObjectTemplate(List<Field> fields) implements Node {
        @Override
        public JsonNode evaluate(JsonNode data, JsonNode context) {
            ObjectNode out = Json.object();
            for (Field field : fields) {
                out.set(field.name(), field.value().evaluate(data, context));
            }
            return out;
        }
    }

    private record ArrayTemplate(List<Node> items) implements Node {
        @Override
        public JsonNode evaluate(JsonNode data, JsonNode context) {
            ArrayNode out = Json.NODES.arrayNode();
            for (Node item : items) {
                out.add(item.evaluate(data, context));
            }
            return out;
        }
    }

    private static Node compileNode(JsonNode template, String where) {
        if (template.isObject()) {
            return compileObject(template, where);
        }
        if (template.isArray()) {
            List<Node> items = new ArrayList<>();
            for (int i = 0; i < template.size(); i++) {
                items.add(compileNode(template.get(i), where + "[" + i + "]"));
            }
            return new ArrayTemplate(List.copyOf(items));
        }
        return new Constant(template);
    }

    private static Node compileObject(JsonNode template, String where) {
        List<Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : template.properties()) {
            String key = entry.getKey();
            String fieldWhere = where + "." + key;
            boolean dynamic = key.endsWith(DYNAMIC_SUFFIX);
            String name = dynamic ? key.substring(0, key.length() - DYNAMIC_SUFFIX.length()) : key;
            if (!names.add(name)) {
                throw new AslDefinitionException(where + ": the fields '" + name + "' and '"
                        + name + DYNAMIC_SUFFIX + "' would both produce '" + name
                        + "'. Keep one of them.");
            }
            Node value = dynamic
                    ? compileDynamic(entry.getValue(), fieldWhere)
                    : compileNode(entry.getValue(), fieldWhere);
            fields.add(new Field(name, value));
        }
        return new ObjectTemplate(List.copyOf(fields));
    }

    private static Node compileDynamic(JsonNode value, String where) {
        if (!value.isTextual()) {
            throw new AslDefinitionException(where + ": a field ending in '.$' must have a"
                    + " string value (a path or an intrinsic function), not "
                    + Json.typeName(value) + ".");
        }
        String text = value.textValue();
        if (IntrinsicParser.looksLikeIntrinsic(text)) {
            return new IntrinsicValue(IntrinsicParser.parse(text, where));
        }
        return new PathValue(Path.compile(text, where));
    }
}
