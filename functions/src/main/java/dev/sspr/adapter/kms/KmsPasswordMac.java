package dev.sspr.adapter.kms;

import dev.sspr.core.port.PasswordMac;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.GenerateMacResponse;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * Computes password-history MACs with an AWS KMS HMAC key through {@code GenerateMac}
 * (HMAC_SHA_256), so the key material never leaves KMS. Each MAC is one call, and the caller
 * sends a 64-byte digest, never the password.
 *
 * <p>The key must have KeySpec {@code HMAC_256} and KeyUsage {@code GENERATE_VERIFY_MAC}, and the
 * function's role needs {@code kms:GenerateMac} on it. KMS returns the key's ARN with every MAC,
 * and that ARN is what history entries keep, even when the configured id is an alias.
 */
public final class KmsPasswordMac implements PasswordMac {
    /** The environment variable with the key's ARN, id or alias. */
    public static final String KEY_ID_VARIABLE = "PASSWORD_HISTORY_KEY_ID";

    private final KmsClient kms;
    private final String keyId;

    /**
     * Creates the adapter with the given client, which tests point at a local endpoint.
     *
     * @throws IllegalArgumentException if keyId is null or blank
     */
    public KmsPasswordMac(KmsClient kms, String keyId) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.keyId = requireKeyId(keyId);
    }

    /**
     * Builds a client with the URL connection HTTP client and the region from {@code AWS_REGION},
     * for the key that {@value #KEY_ID_VARIABLE} names.
     *
     * @throws IllegalArgumentException if the variable is unset or blank
     */
    public static KmsPasswordMac fromEnvironment(Map<String, String> environment) {
        String configured = requireKeyId(environment.get(KEY_ID_VARIABLE));
        KmsClient client = KmsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        return new KmsPasswordMac(client, configured);
    }

    private static String requireKeyId(String keyId) {
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("The password history KMS key id is missing: set "
                    + KEY_ID_VARIABLE + " to the ARN of an HMAC_256 key");
        }
        return keyId;
    }

    @Override
    public KeyedMac mac(byte[] message) {
        GenerateMacResponse response = generateMac(keyId, message);
        return new KeyedMac(response.keyId(), response.mac().asByteArray());
    }

    /**
     * Returns empty when KMS reports the key as deleted, disabled or pending deletion, because
     * history entries made with such a key can no longer be checked. Other errors, such as a
     * missing permission or throttling, reach the caller.
     */
    @Override
    public Optional<byte[]> mac(String entryKeyId, byte[] message) {
        try {
            return Optional.of(generateMac(entryKeyId, message).mac().asByteArray());
        } catch (NotFoundException | DisabledException | KmsInvalidStateException unusableKey) {
            return Optional.empty();
        }
    }

    private GenerateMacResponse generateMac(String key, byte[] message) {
        return kms.generateMac(request -> request
                .keyId(key)
                .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                .message(SdkBytes.fromByteArray(message)));
    }
}
