package dev.sspr.adapter.memory;

import dev.sspr.core.PushChallenge;
import dev.sspr.core.port.PushChallengeStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Keeps push challenges in a map; completing one is an atomic compare-and-set. */
public final class InMemoryPushChallengeStore implements PushChallengeStore {
    private final Map<String, PushChallenge> challenges = new ConcurrentHashMap<>();

    @Override
    public void create(PushChallenge challenge) {
        if (challenges.putIfAbsent(challenge.id(), challenge) != null) {
            throw new IllegalStateException("A push challenge with this id already exists");
        }
    }

    @Override
    public Optional<PushChallenge> find(String challengeId) {
        return Optional.ofNullable(challenges.get(challengeId));
    }

    @Override
    public List<PushChallenge> findOpen(String username, Instant now) {
        challenges.values().removeIf(challenge -> !now.isBefore(challenge.expiresAt().plusSeconds(3600)));
        return challenges.values().stream()
                .filter(challenge -> challenge.username().equals(username) && challenge.isOpen(now))
                .sorted(Comparator.comparing(PushChallenge::createdAt))
                .toList();
    }

    @Override
    public boolean complete(String challengeId, PushChallenge.Status status) {
        AtomicBoolean completed = new AtomicBoolean();
        challenges.computeIfPresent(challengeId, (id, current) -> {
            if (current.status() != PushChallenge.Status.PENDING) {
                return current;
            }
            completed.set(true);
            return new PushChallenge(current.id(), current.resetId(), current.username(), current.numberDigest(),
                    current.createdAt(), current.expiresAt(), status, current.requestedFrom());
        });
        return completed.get();
    }
}
