package dev.sspr.adapter.dynamodb;

import dev.sspr.core.Secret;
import dev.sspr.core.UserAccount;
import dev.sspr.core.password.PasswordHistoryEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps a {@link UserAccount} to a users-table item and back, one attribute per field. The TOTP
 * secret is stored encrypted. Items written before encryption keep the secret in plain text, so
 * they are still read that way, and the directory encrypts it at the first read.
 */
final class UserItems {
    static final String USERNAME = "username";
    static final String PASSWORD_HASH = "passwordHash";
    static final String PASSWORD_CHANGED_AT = "passwordChangedAt";
    /** The newest accepted TOTP step; absent until the first code is accepted. */
    static final String LAST_TOTP_STEP = "lastTotpStep";
    static final String VERSION = "version";
    /** The password history, newest first: a list of maps with the key id and the MAC. */
    static final String PASSWORD_HISTORY = "passwordHistory";

    private static final String EMAIL = "email";
    private static final String PHONE_E164 = "phoneE164";
    static final String TOTP_SECRET_SEALED = "totpSecretSealed";
    /** The plain-text attribute of items written before the secret was encrypted. */
    static final String LEGACY_TOTP_SECRET = "totpSecretBase32";
    private static final String PUSH_DEVICE_ID = "pushDeviceId";
    private static final String ENABLED = "enabled";

    private UserItems() {
    }

    static Map<String, AttributeValue> toItem(UserAccount account, TotpSecretSeal seal) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(USERNAME, Items.string(account.username()));
        Items.putIfNotNull(item, EMAIL, account.email());
        Items.putIfNotNull(item, PHONE_E164, account.phoneE164());
        if (account.totpSecretBase32() != null) {
            item.put(TOTP_SECRET_SEALED, Items.string(seal.seal(account.username(), account.totpSecretBase32())));
        }
        Items.putIfNotNull(item, PUSH_DEVICE_ID, account.pushDeviceId());
        Items.putIfNotNull(item, PASSWORD_HASH, account.passwordHash());
        Items.putIfNotNull(item, PASSWORD_CHANGED_AT, account.passwordChangedAt());
        item.put(PASSWORD_HISTORY, historyValue(account.passwordHistory()));
        item.put(ENABLED, Items.bool(account.enabled()));
        if (account.lastTotpStep() >= 0) {
            item.put(LAST_TOTP_STEP, Items.number(account.lastTotpStep()));
        }
        item.put(VERSION, Items.number(account.version()));
        return item;
    }

    static UserAccount fromItem(Map<String, AttributeValue> item, TotpSecretSeal seal) {
        String username = Items.requiredString(item, USERNAME);
        String sealedSecret = Items.stringOrNull(item, TOTP_SECRET_SEALED);
        String legacySecret = Items.stringOrNull(item, LEGACY_TOTP_SECRET);
        Secret totpSecret = null;
        if (sealedSecret != null) {
            totpSecret = openOrNull(seal, username, sealedSecret);
        } else if (legacySecret != null) {
            totpSecret = Secret.of(legacySecret);
        }
        return new UserAccount(
                username,
                Items.stringOrNull(item, EMAIL),
                Items.stringOrNull(item, PHONE_E164),
                totpSecret,
                Items.stringOrNull(item, PUSH_DEVICE_ID),
                Items.stringOrNull(item, PASSWORD_HASH),
                Items.instantOrNull(item, PASSWORD_CHANGED_AT),
                history(item.get(PASSWORD_HISTORY)),
                Items.booleanOrFalse(item, ENABLED),
                Items.numberOrDefault(item, LAST_TOTP_STEP, -1),
                Items.requiredNumber(item, VERSION));
    }

    /**
     * Decrypts a stored TOTP secret, or returns null when it cannot be, for example after the key
     * changed. The account then works without TOTP instead of failing at every step, sign-in
     * included, and the log line shows the operator that the user's authenticator must be enrolled again.
     */
    private static Secret openOrNull(TotpSecretSeal seal, String username, String sealedSecret) {
        try {
            return seal.open(username, sealedSecret);
        } catch (IllegalStateException e) {
            String detail = e.getMessage().replace(username, "the user").replaceAll("[^A-Za-z0-9 .,:-]", "");
            System.out.println("{\"level\":\"ERROR\",\"event\":\"totp_secret_unreadable\",\"detail\":\""
                    + detail + "\"}");
            return null;
        }
    }

    /** Returns the plain-text TOTP secret of an item written before encryption, or null. */
    static String legacyTotpSecret(Map<String, AttributeValue> item) {
        return item.containsKey(TOTP_SECRET_SEALED) ? null : Items.stringOrNull(item, LEGACY_TOTP_SECRET);
    }

    /** Writes history entries as a list of {@code {"keyId": S, "mac": S}} maps, newest first. */
    static AttributeValue historyValue(List<PasswordHistoryEntry> history) {
        List<AttributeValue> entries = new ArrayList<>();
        for (PasswordHistoryEntry entry : history == null ? List.<PasswordHistoryEntry>of() : history) {
            entries.add(AttributeValue.fromM(Map.of(
                    "keyId", Items.string(entry.keyId()),
                    "mac", Items.string(entry.mac()))));
        }
        return AttributeValue.fromL(entries);
    }

    private static List<PasswordHistoryEntry> history(AttributeValue value) {
        if (value == null || !value.hasL()) {
            return List.of();
        }
        List<PasswordHistoryEntry> entries = new ArrayList<>();
        for (AttributeValue entry : value.l()) {
            Map<String, AttributeValue> fields = entry.m();
            entries.add(new PasswordHistoryEntry(fields.get("keyId").s(), fields.get("mac").s()));
        }
        return entries;
    }
}
