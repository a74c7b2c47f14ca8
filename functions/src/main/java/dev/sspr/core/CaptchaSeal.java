package dev.sspr.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a CAPTCHA answer (AES-256-GCM, the reset id as associated data) so the session can keep
 * it for the audio version. The answer is compared only through its digest, and the sealed copy
 * is opened only to speak it. A copy of the session table alone cannot open it.
 */
final class CaptchaSeal {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    CaptchaSeal(KeyedDigests digests) {
        this.key = new SecretKeySpec(Arrays.copyOf(digests.deriveKey("captcha-seal"), 32), "AES");
    }

    String seal(String resetId, Secret answer) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(resetId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(answer.reveal().getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to seal a CAPTCHA answer", e);
        }
    }

    /** Opens a sealed answer; throws IllegalStateException if it was changed or sealed for another reset. */
    Secret open(String resetId, String sealed) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(resetId.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return Secret.of(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The sealed CAPTCHA answer of reset " + ResetIds.reference(resetId)
                    + " failed to open", e);
        }
    }
}
