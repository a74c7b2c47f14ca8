package dev.sspr.core.password;

import java.util.Objects;

/**
 * One earlier password of a user, kept as a keyed MAC and never as the password or a plain hash.
 *
 * @param keyId the id of the key that computed the MAC, as {@link dev.sspr.core.port.PasswordMac}
 *     returns it (a KMS key ARN in AWS)
 * @param mac the HMAC-SHA256 value in standard base64 with padding
 */
public record PasswordHistoryEntry(String keyId, String mac) {

    public PasswordHistoryEntry {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(mac, "mac");
    }

    /** Hides the MAC, which is as sensitive as a password hash. */
    @Override
    public String toString() {
        return "PasswordHistoryEntry[keyId=" + keyId + ", mac=hidden]";
    }
}
