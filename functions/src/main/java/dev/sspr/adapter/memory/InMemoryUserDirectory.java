package dev.sspr.adapter.memory;

import dev.sspr.core.ConcurrentUpdateException;
import dev.sspr.core.UserAccount;
import dev.sspr.core.password.PasswordHistoryEntry;
import dev.sspr.core.port.UserDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Keeps accounts in a map; each change is one atomic compare-and-set on the account. */
public final class InMemoryUserDirectory implements UserDirectory {
    private final Map<String, UserAccount> accounts = new ConcurrentHashMap<>();

    /** Adds or replaces an account, keyed by its normalised username. */
    public void put(UserAccount account) {
        accounts.put(account.username(), account);
    }

    @Override
    public Optional<UserAccount> find(String username) {
        return Optional.ofNullable(accounts.get(username));
    }

    @Override
    public void changePassword(String username, String newHash, Instant changedAt, List<PasswordHistoryEntry> history,
            long expectedVersion) {
        AtomicBoolean changed = new AtomicBoolean();
        accounts.computeIfPresent(username, (key, current) -> {
            if (current.version() != expectedVersion) {
                return current;
            }
            changed.set(true);
            return current.withPassword(newHash, changedAt, history);
        });
        if (!changed.get()) {
            throw new ConcurrentUpdateException("Account changed since version " + expectedVersion);
        }
    }

    @Override
    public boolean acceptTotpStep(String username, long step) {
        AtomicBoolean accepted = new AtomicBoolean();
        accounts.computeIfPresent(username, (key, current) -> {
            if (step <= current.lastTotpStep()) {
                return current;
            }
            accepted.set(true);
            return current.withLastTotpStep(step);
        });
        return accepted.get();
    }
}
