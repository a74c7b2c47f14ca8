package dev.sspr.adapter.dynamodb;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Converts between Java values and DynamoDB attribute values; an absent attribute means null. */
final class Items {
    /** DynamoDB's limit on a partition key value, in UTF-8 bytes; the same applies to index keys. */
    static final int MAX_PARTITION_KEY_BYTES = 2048;

    private Items() {
    }

    static AttributeValue string(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    /** Stores an instant as ISO-8601 text, which keeps nanoseconds and reads well in the console. */
    static AttributeValue instant(Instant value) {
        return AttributeValue.fromS(value.toString());
    }

    /**
     * Stores an instant as whole epoch seconds for a TTL attribute, rounded up, so that DynamoDB
     * never removes the item before {@code value}.
     */
    static AttributeValue ttl(Instant value) {
        long seconds = value.getNano() == 0 ? value.getEpochSecond() : value.getEpochSecond() + 1;
        return number(seconds);
    }

    /**
     * Converts an instant to nanoseconds since the epoch, exact for any instant from 1677 to 2262.
     *
     * @throws ArithmeticException for an instant outside that range
     */
    static long epochNanos(Instant value) {
        return Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000_000L), value.getNano());
    }

    static Instant fromEpochNanos(long nanos) {
        return Instant.ofEpochSecond(0, nanos);
    }

    static void putIfNotNull(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, string(value));
        }
    }

    static void putIfNotNull(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, instant(value));
        }
    }

    static String stringOrNull(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static String requiredString(Map<String, AttributeValue> item, String name) {
        String value = stringOrNull(item, name);
        if (value == null) {
            throw missing(item, name);
        }
        return value;
    }

    static Instant instantOrNull(Map<String, AttributeValue> item, String name) {
        String value = stringOrNull(item, name);
        return value == null ? null : Instant.parse(value);
    }

    static Instant requiredInstant(Map<String, AttributeValue> item, String name) {
        return Instant.parse(requiredString(item, name));
    }

    static long requiredNumber(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw missing(item, name);
        }
        return Long.parseLong(value.n());
    }

    static long numberOrDefault(Map<String, AttributeValue> item, String name, long defaultValue) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? defaultValue : Long.parseLong(value.n());
    }

    static boolean booleanOrFalse(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    /**
     * Tells whether {@code value} can be a partition key, of the table or of an index: DynamoDB
     * rejects an empty string and one longer than 2048 UTF-8 bytes.
     */
    static boolean isValidPartitionKey(String value) {
        return value != null
                && !value.isEmpty()
                && value.getBytes(StandardCharsets.UTF_8).length <= MAX_PARTITION_KEY_BYTES;
    }

    private static IllegalStateException missing(Map<String, AttributeValue> item, String name) {
        return new IllegalStateException("Stored item is missing the attribute " + name
                + "; it has only " + item.keySet());
    }
}
