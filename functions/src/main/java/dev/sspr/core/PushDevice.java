package dev.sspr.core;

/**
 * An authenticator app enrolled for push approval.
 *
 * @param deviceId the id the app sends with each request
 * @param username the account the device belongs to
 * @param publicKeyBase64 the device's EC P-256 public key, X.509 SubjectPublicKeyInfo in base64
 */
public record PushDevice(String deviceId, String username, String publicKeyBase64) {
}
