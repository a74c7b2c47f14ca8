package dev.sspr.core;

/**
 * An authenticator app enrolled for push approval.
 *
 * @param deviceId the id the app sends with each request
 * @param username the account the device belongs to
 * @param publicKeyBase64 the device's EC P-256 public key, X.509 SubjectPublicKeyInfo in base64
 * @param notificationEndpoint the SNS platform endpoint ARN that wakes the app, or null when the
 *     app only polls
 */
public record PushDevice(String deviceId, String username, String publicKeyBase64, String notificationEndpoint) {

    /** Creates a device that has no notification endpoint and only polls. */
    public PushDevice(String deviceId, String username, String publicKeyBase64) {
        this(deviceId, username, publicKeyBase64, null);
    }
}
