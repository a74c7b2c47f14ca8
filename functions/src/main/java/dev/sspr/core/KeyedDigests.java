package dev.sspr.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed digests (HMAC-SHA256) of short secrets: one-time codes, CAPTCHA answers and the decoy
 * numbers shown for unknown usernames. A six-digit code has only a million values, so a plain hash
 * would fall to a lookup table. With a server-side key, a copy of the session table alone reveals
 * nothing.
 */
public final class KeyedDigests {
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public KeyedDigests(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("The digest key must be at least 32 bytes, was " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** Returns the digest of a code bound to one reset and one method, so it works nowhere else. */
    public String codeDigest(String resetId, MethodType method, Secret code) {
        return digest("code", resetId, method.wireName(), code.reveal());
    }

    /** Returns the digest of a CAPTCHA answer in its canonical upper-case form, bound to one reset. */
    public String captchaDigest(String resetId, String canonicalAnswer) {
        return digest("captcha", resetId, canonicalAnswer);
    }

    /** Returns bytes derived from a username, stable for the key, for decoy data of unknown users. */
    public byte[] decoyBytes(String username) {
        return mac("decoy", username);
    }

    /** Derives a separate key for another purpose, such as sealing CAPTCHA answers. */
    public byte[] deriveKey(String purpose) {
        return mac("derived-key", purpose);
    }

    /** Compares two digests in time that does not depend on where they differ. */
    public static boolean sameDigest(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }

    private String digest(String... parts) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(parts));
    }

    private byte[] mac(String... parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
                mac.update(bytes);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
