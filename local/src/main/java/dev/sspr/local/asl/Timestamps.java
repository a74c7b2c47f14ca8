package dev.sspr.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Timestamps as the Amazon States Language defines them: RFC 3339 date-times with an
 * uppercase {@code T} between date and time and an uppercase {@code Z} when there is no
 * numeric offset, for example {@code 2016-03-14T01:59:00Z}.
 */
final class Timestamps {
    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    /** Format of the context object's times: UTC with milliseconds, as AWS writes them. */
    private static final DateTimeFormatter CONTEXT_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    static Optional<Instant> parse(String text) {
        if (text == null || !RFC_3339.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static boolean isTimestamp(JsonNode value) {
        return value.isTextual() && parse(value.textValue()).isPresent();
    }

    static String format(Instant instant) {
        return CONTEXT_FORMAT.format(instant);
    }
}
