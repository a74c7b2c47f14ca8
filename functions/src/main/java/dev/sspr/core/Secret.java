package dev.sspr.core;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A password, one-time code or other value that must never reach a log or a response.
 * {@link #toString()} hides the value, so string concatenation and loggers cannot leak it.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** Returns the plain value. Call it only where the value is hashed, compared or delivered. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** Compares in time that does not depend on where the values first differ. */
    public boolean equalsInConstantTime(Secret other) {
        return MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
