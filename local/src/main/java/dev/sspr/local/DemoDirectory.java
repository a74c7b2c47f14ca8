package dev.sspr.local;

import dev.sspr.adapter.memory.InMemoryUserDirectory;
import dev.sspr.core.Secret;
import dev.sspr.core.UserAccount;
import dev.sspr.core.password.PasswordHasher;
import dev.sspr.core.password.PasswordHistory;
import dev.sspr.core.password.PasswordHistoryEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The two demo accounts the local runner and the tests start with. Both have the same initial
 * password. {@code cs0101} has every method; {@code cs0102} has only a phone, so with distinct
 * authenticators required it shows the "contact your administrator" path.
 */
public final class DemoDirectory {
    public static final String EMAIL_DOMAIN = "example.gov";
    public static final String INITIAL_PASSWORD = "Initial-Passw0rd-2026!";
    public static final String FULL_USER = "cs0101";
    public static final String FULL_USER_PHONE = "+12055550133";
    public static final String FULL_USER_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    public static final String FULL_USER_PUSH_DEVICE = "demo-device-cs0101";
    public static final String PHONE_ONLY_USER = "cs0102";
    public static final String PHONE_ONLY_USER_PHONE = "+12055550142";

    private DemoDirectory() {
    }

    /**
     * Adds both demo accounts. Their passwords were last changed 30 days before {@code clock}'s
     * now, and each history contains the initial password as its only entry.
     */
    public static void seed(InMemoryUserDirectory directory, PasswordHasher hasher, PasswordHistory history,
            Clock clock) {
        accounts(hasher, history, clock).forEach(directory::put);
    }

    /** Builds both demo accounts, as {@link #seed} adds them. */
    public static List<UserAccount> accounts(PasswordHasher hasher, PasswordHistory history, Clock clock) {
        String hash = hasher.hash(Secret.of(INITIAL_PASSWORD));
        Instant changedAt = clock.instant().minus(Duration.ofDays(30));
        return List.of(
                new UserAccount(FULL_USER, FULL_USER + "@" + EMAIL_DOMAIN, FULL_USER_PHONE,
                        Secret.of(FULL_USER_TOTP_SECRET), FULL_USER_PUSH_DEVICE, hash, changedAt,
                        initialHistory(history, FULL_USER), true, -1, 1),
                new UserAccount(PHONE_ONLY_USER, PHONE_ONLY_USER + "@" + EMAIL_DOMAIN, PHONE_ONLY_USER_PHONE,
                        null, null, hash, changedAt, initialHistory(history, PHONE_ONLY_USER), true, -1, 1));
    }

    private static List<PasswordHistoryEntry> initialHistory(PasswordHistory history, String username) {
        return List.of(history.candidate(username, Secret.of(INITIAL_PASSWORD)).entry());
    }
}
