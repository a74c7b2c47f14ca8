package dev.sspr.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.PathNotFoundException;
import java.util.Optional;

/**
 * Compiled JSONPath read from a definition. A path that starts with {@code $$} selects from
 * the context object, any other from the state's data. Evaluation uses Jayway JsonPath.
 */
final class Path {
    private final String text;
    private final boolean contextPath;
    private final JsonPath compiled;
    private final ReferencePath reference;

    private Path(String text, boolean contextPath, JsonPath compiled, ReferencePath reference) {
        this.text = text;
        this.contextPath = contextPath;
        this.compiled = compiled;
        this.reference = reference;
    }

    /** Compiles a path, or throws naming {@code where} when the text is not valid JSONPath. */
    static Path compile(String text, String where) {
        if (text == null || !text.startsWith("$")) {
            throw new AslDefinitionException(where + ": '" + text + "' is not a valid path."
                    + " A path starts with '$' (state data) or '$$' (context object).");
        }
        boolean context = text.startsWith("$$");
        String dataPath = context ? text.substring(1) : text;
        if (!hasBalancedBrackets(dataPath)) {
            throw new AslDefinitionException(where + ": '" + text + "' is not a valid path:"
                    + " its brackets or parentheses are not balanced.");
        }
        try {
            JsonPath compiled = JsonPath.compile(dataPath);
            return new Path(text, context, compiled, ReferencePath.tryParse(dataPath).orElse(null));
        } catch (InvalidPathException | IndexOutOfBoundsException e) {
            // Jayway 2.10 throws StringIndexOutOfBoundsException for some truncated paths.
            throw new AslDefinitionException(
                    where + ": '" + text + "' is not a valid path: " + e.getMessage(), e);
        }
    }

    /**
     * Checks brackets and parentheses outside quoted names, because Jayway 2.10 accepts an
     * unclosed trailing bracket such as {@code $.a[} as {@code $.a}.
     */
    private static boolean hasBalancedBrackets(String text) {
        int brackets = 0;
        int parentheses = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '\'', '"' -> quote = c;
                case '[' -> brackets++;
                case ']' -> brackets--;
                case '(' -> parentheses++;
                case ')' -> parentheses--;
                default -> { }
            }
            if (brackets < 0 || parentheses < 0) {
                return false;
            }
        }
        return quote == 0 && brackets == 0 && parentheses == 0;
    }

    String text() {
        return text;
    }

    /**
     * Returns the selected value.
     *
     * @throws StatesError States.Runtime when the path selects nothing, as AWS raises it for
     *     InputPath, OutputPath, Parameters and Choice variables that reference a missing field
     */
    JsonNode read(JsonNode data, JsonNode context) {
        return find(data, context).orElseThrow(() -> StatesError.runtime(
                "The JSONPath '" + text + "' selects nothing in "
                        + (contextPath ? "the context object" : "the input, which is "
                                + Json.describe(data))
                        + ". Check the field names or use IsPresent in a Choice state."));
    }

    /** Returns the selected value, or empty when the path selects nothing. */
    Optional<JsonNode> find(JsonNode data, JsonNode context) {
        JsonNode root = contextPath ? context : data;
        JsonNode value;
        try {
            value = Json.toNode(compiled.read(root, Json.JSON_PATH));
        } catch (PathNotFoundException e) {
            return Optional.empty();
        } catch (JsonPathException e) {
            throw StatesError.runtime("Unable to evaluate the JSONPath '" + text + "': "
                    + e.getMessage());
        }
        // Jayway returns null for an array index past the end, so a null from a reference
        // path is checked again to tell a missing element from a JSON null.
        if (value.isNull() && reference != null && reference.find(root).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    @Override
    public String toString() {
        return text;
    }
}
