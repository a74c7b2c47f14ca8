package dev.sspr.core.port;

import dev.sspr.core.ConcurrentUpdateException;
import dev.sspr.core.UserAccount;
import java.time.Instant;
import java.util.Optional;

/** The directory of accounts whose passwords the service resets. */
public interface UserDirectory {

    /** Finds an account by its normalised username. */
    Optional<UserAccount> find(String username);

    /**
     * Replaces the password hash if the account is still at {@code expectedVersion}.
     *
     * @throws ConcurrentUpdateException when the account changed since it was read
     */
    void changePassword(String username, String newHash, Instant changedAt, long expectedVersion);

    /**
     * Records a TOTP step as used, only if it is newer than every step accepted before.
     *
     * @return false when this step or a newer one was already accepted, which makes it a replay
     */
    boolean acceptTotpStep(String username, long step);
}
