package dev.sspr.core.port;

import dev.sspr.core.ConcurrentUpdateException;
import dev.sspr.core.UserAccount;
import dev.sspr.core.password.PasswordHistoryEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The directory of accounts whose passwords the service resets. */
public interface UserDirectory {

    /** Finds an account by its normalised username. */
    Optional<UserAccount> find(String username);

    /**
     * Replaces the password hash, the time of the change and the password history in one atomic
     * write, only if the account is still at {@code expectedVersion}, and raises the version by one.
     * The caller builds {@code history} from the version it read, so the condition on the version
     * also guards the history.
     *
     * @param history the whole new history, newest first, with the new password's entry first
     * @throws ConcurrentUpdateException when the account changed since it was read or is gone
     */
    void changePassword(String username, String newHash, Instant changedAt, List<PasswordHistoryEntry> history,
            long expectedVersion);

    /**
     * Records a TOTP step as used, only if it is newer than every step accepted before.
     *
     * @return false when this step or a newer one was already accepted, which makes it a replay
     */
    boolean acceptTotpStep(String username, long step);
}
