package dev.sspr.adapter.dynamodb;

import dev.sspr.core.Secret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts TOTP secrets for the users table with AES-256-GCM, bound to the username, so a copy of
 * the table alone does not reveal them and a secret moved to another account does not decrypt.
 *
 * <p>The AES key is an HMAC-SHA256 of a fixed label under a root key. In AWS the root key is the
 * digest key that KMS GenerateMac derives at start, so the AES key exists only in KMS's output
 * and in memory. A sealed value is {@code v1.} followed by base64url of the 12-byte nonce and
 * the ciphertext with its tag.
 */
public final class TotpSecretSeal {
    private static final String PREFIX = "v1.";
    private static final String LABEL = "sspr users table TOTP secret encryption v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private TotpSecretSeal(byte[] aesKey) {
        this.key = new SecretKeySpec(aesKey, "AES");
    }

    /** Derives the AES key from {@code rootKey}, which is at least 32 bytes of secret material. */
    public static TotpSecretSeal derivedFrom(byte[] rootKey) {
        if (rootKey == null || rootKey.length < 32) {
            throw new IllegalArgumentException("The root key must have at least 32 bytes");
        }
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(rootKey, "HmacSHA256"));
            byte[] aesKey = hmac.doFinal(LABEL.getBytes(StandardCharsets.UTF_8));
            return new TotpSecretSeal(aesKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** Encrypts {@code secret} for the account {@code username}, with a fresh nonce each time. */
    String seal(String username, Secret secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] plain = secret.reveal().getBytes(StandardCharsets.UTF_8);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, username).doFinal(plain);
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Failed to encrypt the TOTP secret of an account", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Decrypts a value made by {@link #seal} for the same username.
     *
     * @throws IllegalStateException when the value is malformed, was changed, belongs to another
     *     username or was sealed under another key
     */
    Secret open(String username, String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("The stored TOTP secret of " + username + " is not in the v1 format");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The stored TOTP secret of " + username + " is not valid base64url", e);
        }
        if (bytes.length <= NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("The stored TOTP secret of " + username + " is too short");
        }
        try {
            byte[] plain = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES), username)
                    .doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            String text = new String(plain, StandardCharsets.UTF_8);
            Arrays.fill(plain, (byte) 0);
            return Secret.of(text);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Failed to decrypt the stored TOTP secret of " + username
                    + ": it was changed, belongs to another account or was encrypted under another key", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String username) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(username.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
