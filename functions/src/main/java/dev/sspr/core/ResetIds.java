package dev.sspr.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reset ids are bearer credentials until a reset ends: whoever holds one can continue the reset.
 * Logs and audit events therefore carry a reference derived from the id instead of the id itself.
 */
public final class ResetIds {
    private ResetIds() {
    }

    /** Returns the first 96 bits of the id's SHA-256, in base64url: enough to match log lines up. */
    public static String reference(String resetId) {
        if (resetId == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(resetId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
