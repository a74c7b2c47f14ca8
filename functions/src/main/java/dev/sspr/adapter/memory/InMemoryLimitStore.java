package dev.sspr.adapter.memory;

import dev.sspr.core.port.LimitStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** Keeps counters and locks in maps; every change is one atomic compute on its key. */
public final class InMemoryLimitStore implements LimitStore {
    private record Window(Instant ends, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Map<String, Instant> locks = new ConcurrentHashMap<>();

    @Override
    public Admission tryAcquire(String key, int limit, Duration window, Instant now) {
        AtomicReference<Admission> admission = new AtomicReference<>();
        windows.compute(key, (ignored, current) -> {
            Window live = current == null || !now.isBefore(current.ends()) ? new Window(now.plus(window), 0) : current;
            if (live.count() >= limit) {
                admission.set(new Admission(false, live.count(), live.ends()));
                return live;
            }
            Window next = new Window(live.ends(), live.count() + 1);
            admission.set(new Admission(true, next.count(), next.ends()));
            return next;
        });
        return admission.get();
    }

    @Override
    public void lock(String key, Instant until) {
        locks.merge(key, until, (current, requested) -> current.isAfter(requested) ? current : requested);
    }

    @Override
    public Optional<Instant> lockedUntil(String key, Instant now) {
        return Optional.ofNullable(locks.get(key)).filter(until -> until.isAfter(now));
    }

    @Override
    public void clear(String... keys) {
        for (String key : keys) {
            windows.remove(key);
            locks.remove(key);
        }
    }
}
