package dev.sspr.core.password;

import dev.sspr.core.Secret;
import dev.sspr.core.port.PasswordMac;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The password history: keyed MACs of a user's last {@value #DEPTH} passwords, the current one
 * included, newest first.
 *
 * <p>An entry is HMAC-SHA256, under a key held by {@link PasswordMac}, of a SHA-512 digest that
 * binds a version label, the normalised username and the UTF-8 bytes of the password's NFKC form.
 * Checking a candidate costs one MAC per distinct key in the history (normally one) and a
 * comparison per entry, instead of one bcrypt verification per entry. The digest keeps the MAC
 * input at 64 bytes, within KMS's 4,096-byte message limit for any password length, and means the
 * password itself is never sent to the key service. The username makes equal passwords of two
 * users produce different entries.
 */
public final class PasswordHistory {
    /** How many passwords the history keeps, the current one included. */
    public static final int DEPTH = 24;

    private static final byte[] LABEL = "sspr password history v1".getBytes(StandardCharsets.US_ASCII);

    private final PasswordMac passwordMac;

    public PasswordHistory(PasswordMac passwordMac) {
        this.passwordMac = Objects.requireNonNull(passwordMac, "passwordMac");
    }

    /**
     * Prepares a password for checking against a history and for storing in it. This computes
     * the MAC with the current key, which is one call to the key service in AWS.
     *
     * @param username the normalised username, the directory key
     * @throws IllegalArgumentException if the password contains an unpaired surrogate
     */
    public Candidate candidate(String username, Secret password) {
        byte[] message = message(username, password);
        PasswordMac.KeyedMac current = passwordMac.mac(message);
        return new Candidate(message, current);
    }

    /**
     * Returns a new history with {@code newest} first, followed by the older entries, trimmed to
     * {@value #DEPTH} entries.
     */
    public static List<PasswordHistoryEntry> prepend(PasswordHistoryEntry newest, List<PasswordHistoryEntry> history) {
        List<PasswordHistoryEntry> next = new ArrayList<>(DEPTH);
        next.add(Objects.requireNonNull(newest, "newest"));
        for (PasswordHistoryEntry entry : history) {
            if (next.size() == DEPTH) {
                break;
            }
            next.add(entry);
        }
        return List.copyOf(next);
    }

    private static byte[] message(String username, Secret password) {
        byte[] passwordBytes = Passwords.utf8(Passwords.normalise(password))
                .orElseThrow(() -> new IllegalArgumentException(
                        "password contains an unpaired surrogate and cannot be encoded as UTF-8"));
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            update(digest, LABEL);
            update(digest, username.getBytes(StandardCharsets.UTF_8));
            update(digest, passwordBytes);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is not available in this JVM", e);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    /** Adds a length-prefixed part, so that no two different part lists give the same input. */
    private static void update(MessageDigest digest, byte[] part) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(part.length).array());
        digest.update(part);
    }

    /** A password prepared for the history check, with its MAC under each key used so far. */
    public final class Candidate {
        private final byte[] message;
        private final PasswordHistoryEntry entry;
        private final Map<String, Optional<byte[]>> macsByKeyId = new HashMap<>();

        private Candidate(byte[] message, PasswordMac.KeyedMac current) {
            this.message = message;
            this.entry = new PasswordHistoryEntry(current.keyId(), Base64.getEncoder().encodeToString(current.mac()));
            this.macsByKeyId.put(current.keyId(), Optional.of(current.mac().clone()));
        }

        /** Returns the entry to store for this password, made with the current key. */
        public PasswordHistoryEntry entry() {
            return entry;
        }

        /**
         * Tells whether the password is in the history. Every entry is compared in constant time,
         * with no early exit. An entry whose key was deleted or disabled cannot match.
         *
         * @throws RuntimeException when the key service fails for an earlier key's entries
         */
        public boolean isIn(List<PasswordHistoryEntry> history) {
            boolean found = false;
            for (PasswordHistoryEntry stored : history) {
                Optional<byte[]> mac = macsByKeyId.computeIfAbsent(stored.keyId(),
                        keyId -> passwordMac.mac(keyId, message));
                if (mac.isPresent()) {
                    found |= MessageDigest.isEqual(mac.get(), decode(stored.mac()));
                }
            }
            return found;
        }

        private byte[] decode(String base64) {
            try {
                return Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException corrupt) {
                // An empty array never equals a 32-byte MAC, so a corrupt entry matches nothing.
                return new byte[0];
            }
        }

        @Override
        public String toString() {
            return "Candidate[keyId=" + entry.keyId() + ", mac=hidden]";
        }
    }
}
