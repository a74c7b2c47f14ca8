package dev.sspr.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Checks the signature an authenticator app puts on each request with its enrolled EC P-256 key.
 * The signed text is the HTTP method, the path, the timestamp and the SHA-256 of the body, one per
 * line. The signature is ECDSA with SHA-256 in the IEEE P1363 form (r and s, 32 bytes each), the
 * form WebCrypto produces.
 */
public final class DeviceSignatures {
    /** How far a request's timestamp may be from the server clock. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private DeviceSignatures() {
    }

    /** Builds the text a device signs for one request. */
    public static String signedText(String httpMethod, String path, long timestampSeconds, String body) {
        return httpMethod + "\n" + path + "\n" + timestampSeconds + "\n" + sha256Base64(body == null ? "" : body);
    }

    /**
     * Tells whether {@code signatureBase64} is the device's signature of the request, made within
     * {@link #MAX_CLOCK_SKEW} of {@code now}. Any malformed input gives false, never an exception.
     */
    public static boolean verify(PushDevice device, String httpMethod, String path, String timestamp, String body,
            String signatureBase64, Instant now) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > MAX_CLOCK_SKEW.toSeconds() || signatureBase64 == null) {
            return false;
        }
        try {
            PublicKey key = KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(device.publicKeyBase64())));
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update(signedText(httpMethod, path, seconds, body).getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String sha256Base64(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
