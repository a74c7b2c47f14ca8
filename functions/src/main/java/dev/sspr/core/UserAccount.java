package dev.sspr.core;

import dev.sspr.core.password.PasswordHistoryEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory entry with the fields the reset flow reads.
 *
 * @param username the normalised username, the directory key
 * @param email the account email, lower case
 * @param phoneE164 the registered mobile number in E.164 form, or null when none is enrolled
 * @param totpSecretBase32 the authenticator app's TOTP secret, or null when none is enrolled
 * @param pushDeviceId the enrolled push device, or null when none is enrolled
 * @param passwordHash the bcrypt hash of the current password
 * @param passwordChangedAt when the password was last set
 * @param passwordHistory keyed MACs of the last passwords, newest first, the current one included;
 *     empty for an account whose history was never recorded
 * @param enabled false for a disabled account, which is treated like an unknown one
 * @param lastTotpStep the newest TOTP step accepted for this user, or -1
 * @param version the optimistic-locking version
 */
public record UserAccount(
        String username,
        String email,
        String phoneE164,
        Secret totpSecretBase32,
        String pushDeviceId,
        String passwordHash,
        Instant passwordChangedAt,
        List<PasswordHistoryEntry> passwordHistory,
        boolean enabled,
        long lastTotpStep,
        long version) {

    public UserAccount {
        passwordHistory = passwordHistory == null ? List.of() : List.copyOf(passwordHistory);
    }

    /** Lists the verification methods this user has enrolled, in the order the page offers them. */
    public List<MethodType> enrolledMethods() {
        List<MethodType> methods = new ArrayList<>();
        if (phoneE164 != null) {
            methods.add(MethodType.SMS);
            methods.add(MethodType.VOICE);
        }
        if (pushDeviceId != null) {
            methods.add(MethodType.PUSH);
        }
        if (totpSecretBase32 != null) {
            methods.add(MethodType.TOTP);
        }
        return methods;
    }

    /** Returns the account after a password change: new hash, time and history, next version. */
    public UserAccount withPassword(String newHash, Instant changedAt, List<PasswordHistoryEntry> history) {
        return new UserAccount(username, email, phoneE164, totpSecretBase32, pushDeviceId, newHash, changedAt,
                history, enabled, lastTotpStep, version + 1);
    }

    public UserAccount withLastTotpStep(long step) {
        return new UserAccount(username, email, phoneE164, totpSecretBase32, pushDeviceId, passwordHash,
                passwordChangedAt, passwordHistory, enabled, step, version + 1);
    }
}
