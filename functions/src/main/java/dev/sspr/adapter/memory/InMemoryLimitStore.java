package dev.sspr.adapter.memory;

import dev.sspr.core.port.LimitStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** Keeps the times of recent events and locks in maps; every change is one atomic compute on its key. */
public final class InMemoryLimitStore implements LimitStore {
    private final Map<String, List<Instant>> events = new ConcurrentHashMap<>();
    private final Map<String, Instant> locks = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private record Counter(int count, Instant expiresAt) {
    }

    @Override
    public Admission tryAcquire(String key, int limit, Duration window, Instant now) {
        AtomicReference<Admission> admission = new AtomicReference<>();
        events.compute(key, (ignored, current) -> {
            Instant cutoff = now.minus(window);
            List<Instant> recent = new ArrayList<>();
            if (current != null) {
                current.stream().filter(time -> time.isAfter(cutoff)).forEach(recent::add);
            }
            boolean allowed = recent.size() < limit;
            if (allowed) {
                recent.add(now);
            }
            Instant nextSlotAt = recent.isEmpty() ? now : recent.get(0).plus(window);
            admission.set(new Admission(allowed, recent.size(), nextSlotAt));
            return recent;
        });
        return admission.get();
    }

    @Override
    public Admission tryCount(String key, int limit, Instant expiresAt, Instant now) {
        AtomicReference<Admission> admission = new AtomicReference<>();
        counters.compute(key, (ignored, current) -> {
            int count = current == null || !now.isBefore(current.expiresAt()) ? 0 : current.count();
            boolean allowed = count < limit;
            int next = allowed ? count + 1 : count;
            admission.set(new Admission(allowed, next, expiresAt));
            return new Counter(next, expiresAt);
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
            events.remove(key);
            locks.remove(key);
            counters.remove(key);
        }
    }
}
