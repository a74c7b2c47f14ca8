package dev.sspr.adapter.memory;

import dev.sspr.core.port.PasswordMac;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes password-history MACs with HMAC-SHA256 and one key held in this process, for the local
 * runner and tests. The key is lost when the process stops, and so is the in-memory directory.
 */
public final class LocalPasswordMac implements PasswordMac {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;

    private final String keyId;
    private final SecretKeySpec key;

    /**
     * Creates a MAC with the given key.
     *
     * @throws IllegalArgumentException if the key is shorter than 32 bytes
     */
    public LocalPasswordMac(String keyId, byte[] key) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "The password history key must be at least " + MIN_KEY_BYTES + " bytes, was " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** Creates a MAC with a fresh 32-byte key from a CSPRNG and a random key id. */
    public static LocalPasswordMac withRandomKey() {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[MIN_KEY_BYTES];
        random.nextBytes(key);
        byte[] id = new byte[6];
        random.nextBytes(id);
        return new LocalPasswordMac("local-" + HexFormat.of().formatHex(id), key);
    }

    public String keyId() {
        return keyId;
    }

    @Override
    public KeyedMac mac(byte[] message) {
        return new KeyedMac(keyId, hmac(message));
    }

    /** Returns empty for any key id but this instance's, as KMS does for a deleted key. */
    @Override
    public Optional<byte[]> mac(String requestedKeyId, byte[] message) {
        if (!keyId.equals(requestedKeyId)) {
            return Optional.empty();
        }
        return Optional.of(hmac(message));
    }

    private byte[] hmac(byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
