package dev.sspr.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Helpers shared by the interpreter tests: JSON parsing, a recording sleeper and a manual clock. */
final class AslTestSupport {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Interpreter logger, held so that its level survives garbage collection. */
    private static final Logger INTERPRETER_LOG = Logger.getLogger(StateMachine.class.getName());

    static {
        // Retries log at INFO, which would flood the test output.
        INTERPRETER_LOG.setLevel(Level.WARNING);
    }

    /** Invoker for definitions whose tasks must not run. */
    static final TaskInvoker NO_TASKS = (resource, input) -> {
        throw new AssertionError("unexpected task invocation of " + resource);
    };

    private AslTestSupport() {
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON in test: " + text, e);
        }
    }

    static StateMachine machine(String definition) {
        return StateMachine.builder(definition, NO_TASKS).sleeper(new RecordingSleeper()).build();
    }

    static StateMachine machine(String definition, TaskInvoker invoker) {
        return StateMachine.builder(definition, invoker).sleeper(new RecordingSleeper()).build();
    }

    static ExecutionResult run(String definition, String input) {
        return machine(definition).execute(json(input), "test");
    }

    /** Wraps one state named {@code S} as a definition that starts and ends with it. */
    static String single(String stateBody) {
        return """
                {"StartAt": "S", "States": {"S": %s}}
                """.formatted(stateBody);
    }

    static AslDefinitionException parseError(String definition) {
        return org.junit.jupiter.api.Assertions.assertThrows(AslDefinitionException.class,
                () -> StateMachine.parse(definition, Map.of(), NO_TASKS));
    }

    /** Sleeper that records durations and advances an optional clock instead of waiting. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> sleeps = new CopyOnWriteArrayList<>();
        private final ManualClock clock;

        RecordingSleeper() {
            this(null);
        }

        RecordingSleeper(ManualClock clock) {
            this.clock = clock;
        }

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
            if (clock != null) {
                clock.advance(duration);
            }
        }
    }

    /** Clock that moves only when a test or a {@link RecordingSleeper} advances it. */
    static final class ManualClock extends Clock {
        private volatile Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("ManualClock is fixed to UTC");
        }
    }
}
