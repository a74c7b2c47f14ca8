package dev.sspr.handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes one JSON object per line to standard output, which Lambda sends to CloudWatch Logs.
 * Callers pass ids and outcomes only: never a password, code, CAPTCHA answer or phone number.
 */
final class JsonLog {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final PrintStream OUT = System.out;

    private JsonLog() {
    }

    static void info(String event, Map<String, Object> fields) {
        write("INFO", event, fields);
    }

    static void error(String event, Map<String, Object> fields) {
        write("ERROR", event, fields);
    }

    private static void write(String level, String event, Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("event", event);
        fields.forEach((key, value) -> {
            if (value != null) {
                line.put(key, value);
            }
        });
        try {
            OUT.println(MAPPER.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            OUT.println("{\"level\":\"ERROR\",\"event\":\"log_serialisation_failed\"}");
        }
    }
}
