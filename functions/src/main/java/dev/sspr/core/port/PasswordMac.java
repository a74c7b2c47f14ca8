package dev.sspr.core.port;

import java.util.Optional;

/**
 * Computes keyed MACs (HMAC-SHA256) for the password history with a key that the caller never
 * holds. In AWS the key is an HMAC KMS key, so its material never leaves KMS. The local runner and
 * the unit tests use a random key in memory.
 */
public interface PasswordMac {

    /**
     * Computes the MAC of the message with the current key.
     *
     * @throws RuntimeException when the key service fails, and then the caller stores nothing
     */
    KeyedMac mac(byte[] message);

    /**
     * Computes the MAC of the message with the named key, which may be an earlier key than the
     * current one: history entries keep the id of the key that made them.
     *
     * @return empty when that key no longer exists or is disabled, so its entries cannot be checked
     * @throws RuntimeException when the key service fails for any other reason
     */
    Optional<byte[]> mac(String keyId, byte[] message);

    /**
     * A MAC and the key that computed it.
     *
     * @param keyId a stable id of the key, such as a KMS key ARN, and never an alias, which can move
     * @param mac the 32-byte HMAC-SHA256 value
     */
    record KeyedMac(String keyId, byte[] mac) {
    }
}
