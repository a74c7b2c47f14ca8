package dev.sspr.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JSONPath that selects at most one node: {@code $} followed by {@code .name},
 * {@code ['name']} and {@code [index]} steps, with no wildcards, filters or functions.
 * ResultPath must be one, and it can create the objects on its way when it writes.
 */
final class ReferencePath {
    private final String text;
    private final List<Object> steps;

    private ReferencePath(String text, List<Object> steps) {
        this.text = text;
        this.steps = List.copyOf(steps);
    }

    /** Parses a reference path, or throws naming {@code where} when it is not one. */
    static ReferencePath parse(String text, String where) {
        return tryParse(text).orElseThrow(() -> new AslDefinitionException(
                where + ": '" + text + "' is not a valid reference path. Use '$' followed by"
                        + " .field, ['field'] or [index] steps, without wildcards or filters."));
    }

    /** Parses a reference path, or returns empty when the text uses other JSONPath syntax. */
    static Optional<ReferencePath> tryParse(String text) {
        if (text == null || !text.startsWith("$") || text.startsWith("$$")) {
            return Optional.empty();
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                String name = text.substring(i + 1, end);
                if (!isPlainName(name)) {
                    return Optional.empty();
                }
                steps.add(name);
                i = end;
            } else if (c == '[') {
                int end = parseBracket(text, i, steps);
                if (end < 0) {
                    return Optional.empty();
                }
                i = end;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new ReferencePath(text, steps));
    }

    private static boolean isPlainName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || "*@?()'\",:]".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Parses {@code ['name']} or {@code [index]} at {@code start} and returns its end, or -1. */
    private static int parseBracket(String text, int start, List<Object> steps) {
        int i = start + 1;
        if (i >= text.length()) {
            return -1;
        }
        char quote = text.charAt(i);
        if (quote == '\'' || quote == '"') {
            StringBuilder name = new StringBuilder();
            i++;
            while (i < text.length() && text.charAt(i) != quote) {
                if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                    i++;
                }
                name.append(text.charAt(i));
                i++;
            }
            if (i + 1 >= text.length() || text.charAt(i + 1) != ']') {
                return -1;
            }
            steps.add(name.toString());
            return i + 2;
        }
        int close = text.indexOf(']', i);
        if (close < 0) {
            return -1;
        }
        String digits = text.substring(i, close);
        if (!digits.matches("[0-9]{1,9}")) {
            return -1;
        }
        steps.add(Integer.parseInt(digits));
        return close + 1;
    }

    String text() {
        return text;
    }

    boolean isRoot() {
        return steps.isEmpty();
    }

    /** Returns the node the path selects, or empty when a step is missing. */
    Optional<JsonNode> find(JsonNode root) {
        JsonNode current = root;
        for (Object step : steps) {
            current = child(current, step);
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    private static JsonNode child(JsonNode node, Object step) {
        if (step instanceof String name) {
            return node.isObject() ? node.get(name) : null;
        }
        int index = (Integer) step;
        return node.isArray() && index < node.size() ? node.get(index) : null;
    }

    /**
     * Returns {@code root} with {@code value} stored at this path, creating missing objects
     * along the way. Mutates and returns {@code root} unless the path is {@code $}.
     *
     * @throws StatesError States.ResultPathMatchFailure when a step meets a value of the
     *     wrong type or an array index past the end
     */
    JsonNode write(JsonNode root, JsonNode value) {
        if (steps.isEmpty()) {
            return value;
        }
        if (!canWrite(root)) {
            throw new StatesError(ErrorNames.RESULT_PATH_MATCH_FAILURE,
                    "Unable to apply ResultPath '" + text + "' to the input, which is "
                            + Json.describe(root) + ". A step meets a value that is not an"
                            + " object, or an array index past the end.");
        }
        JsonNode current = root;
        for (Object step : steps.subList(0, steps.size() - 1)) {
            JsonNode next = child(current, step);
            if (next == null) {
                next = ((ObjectNode) current).putObject((String) step);
            }
            current = next;
        }
        Object last = steps.get(steps.size() - 1);
        if (last instanceof String name) {
            ((ObjectNode) current).set(name, value);
        } else {
            ((ArrayNode) current).set((Integer) last, value);
        }
        return root;
    }

    /** Checks every step before {@link #write} mutates anything. */
    private boolean canWrite(JsonNode root) {
        JsonNode current = root;
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean fits = step instanceof String ? current.isObject() : current.isArray();
            if (!fits) {
                return false;
            }
            JsonNode next = child(current, step);
            boolean last = i == steps.size() - 1;
            if (last) {
                return next != null || step instanceof String;
            }
            if (next == null) {
                // Only object fields can be created, and everything below them is created too.
                List<Object> rest = steps.subList(i + 1, steps.size());
                return rest.stream().allMatch(String.class::isInstance);
            }
            current = next;
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
