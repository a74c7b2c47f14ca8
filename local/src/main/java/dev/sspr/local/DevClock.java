package dev.sspr.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock plus an offset that only grows. Every expiry, TOTP step and rate window of the
 * local runner reads this clock, so moving it forward lets a test skip minutes or days.
 */
public final class DevClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public DevClock(Clock base) {
        this.base = base;
    }

    /** Moves the clock forward by the given number of seconds. */
    public Instant advance(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("The clock only moves forward; got " + seconds + " seconds");
        }
        offset.updateAndGet(current -> current.plusSeconds(seconds));
        return instant();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The development clock is always UTC");
    }
}
