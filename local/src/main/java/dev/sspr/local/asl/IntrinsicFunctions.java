package dev.sspr.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringTokenizer;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The {@code States.*} intrinsic functions of the JSONPath query language, with the argument
 * checks that the AWS Step Functions developer guide lists for each. A wrong argument count
 * or type raises States.IntrinsicFailure.
 */
final class IntrinsicFunctions {
    /** Maximum string length for Base64Encode, Base64Decode and Hash, from the AWS guide. */
    static final int MAX_STRING_LENGTH = 10_000;
    /** Maximum number of items States.ArrayRange may create, from the AWS guide. */
    static final int MAX_RANGE_ITEMS = 1000;

    private static final List<String> HASH_ALGORITHMS =
            List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    /** Minimum and maximum argument count per function, where -1 means no maximum. */
    private static final Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry("States.Format", new int[] {1, -1}),
            Map.entry("States.StringToJson", new int[] {1, 1}),
            Map.entry("States.JsonToString", new int[] {1, 1}),
            Map.entry("States.Array", new int[] {0, -1}),
            Map.entry("States.ArrayPartition", new int[] {2, 2}),
            Map.entry("States.ArrayContains", new int[] {2, 2}),
            Map.entry("States.ArrayRange", new int[] {3, 3}),
            Map.entry("States.ArrayGetItem", new int[] {2, 2}),
            Map.entry("States.ArrayLength", new int[] {1, 1}),
            Map.entry("States.ArrayUnique", new int[] {1, 1}),
            Map.entry("States.Base64Encode", new int[] {1, 1}),
            Map.entry("States.Base64Decode", new int[] {1, 1}),
            Map.entry("States.Hash", new int[] {2, 2}),
            Map.entry("States.JsonMerge", new int[] {3, 3}),
            Map.entry("States.MathRandom", new int[] {2, 3}),
            Map.entry("States.MathAdd", new int[] {2, 2}),
            Map.entry("States.StringSplit", new int[] {2, 2}),
            Map.entry("States.UUID", new int[] {0, 0}));

    private IntrinsicFunctions() {
    }

    static boolean isKnown(String name) {
        return ARITY.containsKey(name);
    }

    /** Runs the function on already evaluated arguments. */
    static JsonNode invoke(IntrinsicExpression.Invocation call, List<JsonNode> values) {
        Arguments args = new Arguments(call.name(), values);
        int[] arity = ARITY.get(call.name());
        args.requireCount(arity[0], arity[1]);
        return switch (call.name()) {
            case "States.Format" -> format(call, args);
            case "States.StringToJson" -> stringToJson(args);
            case "States.JsonToString" -> Json.NODES.textNode(Json.compact(args.get(0)));
            case "States.Array" -> Json.NODES.arrayNode().addAll(values);
            case "States.ArrayPartition" -> arrayPartition(args);
            case "States.ArrayContains" -> Json.NODES.booleanNode(
                    contains(args.array(0), args.get(1)));
            case "States.ArrayRange" -> arrayRange(args);
            case "States.ArrayGetItem" -> arrayGetItem(args);
            case "States.ArrayLength" -> Json.NODES.numberNode(args.array(0).size());
            case "States.ArrayUnique" -> arrayUnique(args);
            case "States.Base64Encode" -> base64Encode(args);
            case "States.Base64Decode" -> base64Decode(args);
            case "States.Hash" -> hash(args);
            case "States.JsonMerge" -> jsonMerge(args);
            case "States.MathRandom" -> mathRandom(args);
            case "States.MathAdd" -> mathAdd(args);
            case "States.StringSplit" -> stringSplit(args);
            case "States.UUID" -> Json.NODES.textNode(UUID.randomUUID().toString());
            default -> throw new IllegalStateException("No implementation for " + call.name());
        };
    }

    private static JsonNode format(IntrinsicExpression.Invocation call, Arguments args) {
        List<String> pieces;
        if (call.arguments().get(0) instanceof IntrinsicExpression.StringLiteral literal) {
            pieces = literal.formatPieces();
        } else {
            pieces = List.of(args.string(0).split("\\{\\}", -1));
        }
        int placeholders = pieces.size() - 1;
        if (placeholders != args.count() - 1) {
            throw StatesError.intrinsicFailure("States.Format: the template has " + placeholders
                    + " '{}' placeholders but " + (args.count() - 1) + " values were given");
        }
        StringBuilder out = new StringBuilder(pieces.get(0));
        for (int i = 1; i < pieces.size(); i++) {
            out.append(formatValue(args, i)).append(pieces.get(i));
        }
        return Json.NODES.textNode(out.toString());
    }

    // Objects and arrays are rejected because the AWS guide does not specify how Format
    // renders them. Strings are inserted as they are, other values as JSON text.
    private static String formatValue(Arguments args, int index) {
        JsonNode value = args.get(index);
        if (value.isContainerNode()) {
            throw args.failure(index, "a string, number, boolean or null");
        }
        return value.isTextual() ? value.textValue() : Json.compact(value);
    }

    private static JsonNode stringToJson(Arguments args) {
        String text = args.string(0);
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw StatesError.intrinsicFailure("States.StringToJson: the argument is not valid"
                    + " JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode arrayPartition(Arguments args) {
        JsonNode array = args.array(0);
        long size = args.roundedInteger(1);
        if (size <= 0) {
            throw args.failure(1, "a positive chunk size");
        }
        ArrayNode chunks = Json.NODES.arrayNode();
        ArrayNode chunk = null;
        for (JsonNode item : array) {
            if (chunk == null || chunk.size() == size) {
                chunk = chunks.addArray();
            }
            chunk.add(item);
        }
        return chunks;
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode item : array) {
            if (Json.sameValue(item, value)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode arrayRange(Arguments args) {
        long first = args.roundedInteger(0);
        long last = args.roundedInteger(1);
        long step = args.roundedInteger(2);
        if (step == 0) {
            throw args.failure(2, "a non-zero step");
        }
        long count = (last - first) / step < 0 ? 0 : (last - first) / step + 1;
        if (count > MAX_RANGE_ITEMS) {
            throw StatesError.intrinsicFailure("States.ArrayRange: the range would have " + count
                    + " items but at most " + MAX_RANGE_ITEMS + " are allowed");
        }
        ArrayNode range = Json.NODES.arrayNode();
        for (long i = 0; i < count; i++) {
            range.add(Json.integer(first + i * step));
        }
        return range;
    }

    private static JsonNode arrayGetItem(Arguments args) {
        JsonNode array = args.array(0);
        JsonNode index = args.get(1);
        if (!index.isIntegralNumber() && !(index.isNumber() && isWhole(index.decimalValue()))) {
            throw args.failure(1, "an integer index");
        }
        long position = index.decimalValue().longValue();
        if (position < 0 || position >= array.size()) {
            throw StatesError.intrinsicFailure("States.ArrayGetItem: index " + position
                    + " is out of range for an array of " + array.size() + " items");
        }
        return array.get((int) position);
    }

    private static JsonNode arrayUnique(Arguments args) {
        ArrayNode unique = Json.NODES.arrayNode();
        for (JsonNode item : args.array(0)) {
            if (!contains(unique, item)) {
                unique.add(item);
            }
        }
        return unique;
    }

    private static JsonNode base64Encode(Arguments args) {
        String data = args.limitedString(0);
        return Json.NODES.textNode(
                Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode base64Decode(Arguments args) {
        String data = args.limitedString(0);
        try {
            byte[] decoded = Base64.getDecoder().decode(data);
            return Json.NODES.textNode(new String(decoded, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw StatesError.intrinsicFailure(
                    "States.Base64Decode: the argument is not valid Base64: " + e.getMessage());
        }
    }

    // Only strings are hashed. The AWS guide calls the data "an object string" and does not
    // specify how other values are serialized before hashing.
    private static JsonNode hash(Arguments args) {
        String data = args.limitedString(0);
        String algorithm = args.string(1);
        if (!HASH_ALGORITHMS.contains(algorithm)) {
            throw args.failure(1, "one of " + String.join(", ", HASH_ALGORITHMS));
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm)
                    .digest(data.getBytes(StandardCharsets.UTF_8));
            return Json.NODES.textNode(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks the required digest " + algorithm, e);
        }
    }

    private static JsonNode jsonMerge(Arguments args) {
        JsonNode first = args.get(0);
        JsonNode second = args.get(1);
        if (!first.isObject()) {
            throw args.failure(0, "an object");
        }
        if (!second.isObject()) {
            throw args.failure(1, "an object");
        }
        JsonNode deep = args.get(2);
        if (!deep.isBoolean()) {
            throw args.failure(2, "the boolean false");
        }
        if (deep.booleanValue()) {
            throw StatesError.intrinsicFailure("States.JsonMerge: deep merge is not supported,"
                    + " so the third argument must be false");
        }
        ObjectNode merged = ((ObjectNode) first).deepCopy();
        merged.setAll((ObjectNode) second.deepCopy());
        return merged;
    }

    private static JsonNode mathRandom(Arguments args) {
        long start = args.roundedInteger(0);
        long end = args.roundedInteger(1);
        if (start >= end) {
            throw StatesError.intrinsicFailure("States.MathRandom: the start " + start
                    + " must be less than the end " + end);
        }
        // A seed makes results repeatable here, but they differ from the numbers AWS returns
        // for the same seed.
        RandomGenerator random = args.count() == 3
                ? new Random(args.roundedInteger(2))
                : ThreadLocalRandom.current();
        return Json.integer(start + random.nextLong(end - start));
    }

    private static JsonNode mathAdd(Arguments args) {
        return Json.integer(args.int32(0) + args.int32(1));
    }

    // NOTE: empty strings between adjacent delimiters are dropped, as StringTokenizer does.
    // The AWS guide shows no example with adjacent delimiters.
    private static JsonNode stringSplit(Arguments args) {
        StringTokenizer tokens = new StringTokenizer(args.string(0), args.string(1));
        ArrayNode parts = Json.NODES.arrayNode();
        while (tokens.hasMoreTokens()) {
            parts.add(tokens.nextToken());
        }
        return parts;
    }

    private static boolean isWhole(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 0;
    }

    /** Evaluated arguments of one call, with type checks that raise States.IntrinsicFailure. */
    private record Arguments(String function, List<JsonNode> values) {
        int count() {
            return values.size();
        }

        JsonNode get(int index) {
            return values.get(index);
        }

        void requireCount(int min, int max) {
            int count = values.size();
            if (count < min || (max >= 0 && count > max)) {
                String expected = max < 0 ? "at least " + min : min == max ? "exactly " + min
                        : "between " + min + " and " + max;
                throw StatesError.intrinsicFailure(function + " takes " + expected
                        + " arguments but was given " + count);
            }
        }

        String string(int index) {
            JsonNode value = get(index);
            if (!value.isTextual()) {
                throw failure(index, "a string");
            }
            return value.textValue();
        }

        String limitedString(int index) {
            String value = string(index);
            if (value.length() > MAX_STRING_LENGTH) {
                throw StatesError.intrinsicFailure(function + ": the string has " + value.length()
                        + " characters but at most " + MAX_STRING_LENGTH + " are allowed");
            }
            return value;
        }

        JsonNode array(int index) {
            JsonNode value = get(index);
            if (!value.isArray()) {
                throw failure(index, "an array");
            }
            return value;
        }

        /**
         * Returns the number rounded to the nearest integer, which the AWS guide specifies for
         * non-integer arguments of ArrayPartition, ArrayRange, MathRandom and MathAdd.
         */
        // NOTE: halves round away from zero. The AWS guide does not specify how it rounds them.
        long roundedInteger(int index) {
            JsonNode value = get(index);
            if (!value.isNumber()) {
                throw failure(index, "a number");
            }
            try {
                return value.decimalValue().setScale(0, RoundingMode.HALF_UP).longValueExact();
            } catch (ArithmeticException e) {
                throw failure(index, "a number within the 64-bit integer range");
            }
        }

        /** Returns a rounded integer within the 32-bit range that MathAdd accepts. */
        long int32(int index) {
            long value = roundedInteger(index);
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw failure(index, "an integer between -2147483648 and 2147483647");
            }
            return value;
        }

        StatesError failure(int index, String expected) {
            JsonNode value = get(index);
            return StatesError.intrinsicFailure(function + ": argument " + (index + 1)
                    + " must be " + expected + " but was " + Json.describe(value));
        }
    }
}
