package dev.sspr.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sspr.core.PushDevice;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * The authenticator app of the demo user {@code cs0101}, played by the companion page
 * {@code /authenticator.html}. Its EC P-256 key pair is made fresh at every start and never
 * leaves the local runner except through {@code GET /dev/devices/demo}.
 */
final class DemoDevice {
    static final String DEVICE_ID = DemoDirectory.FULL_USER_PUSH_DEVICE;

    private final KeyPair keys;

    DemoDevice() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 keys are not available in this JVM", e);
        }
    }

    /** Returns the enrolment record the directory keeps: the id, the user and the public key. */
    PushDevice enrolment() {
        return new PushDevice(DEVICE_ID, DemoDirectory.FULL_USER,
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
    }

    /** Writes the private key as a JSON Web Key (RFC 7518 §6.2), which WebCrypto imports. */
    ObjectNode privateKeyJwk() {
        ECPublicKey publicKey = (ECPublicKey) keys.getPublic();
        ECPrivateKey privateKey = (ECPrivateKey) keys.getPrivate();
        ObjectNode jwk = HttpExchanges.MAPPER.createObjectNode();
        jwk.put("kty", "EC");
        jwk.put("crv", "P-256");
        jwk.put("x", coordinate(publicKey.getW().getAffineX()));
        jwk.put("y", coordinate(publicKey.getW().getAffineY()));
        jwk.put("d", coordinate(privateKey.getS()));
        return jwk;
    }

    java.security.PrivateKey privateKey() {
        return keys.getPrivate();
    }

    /** Encodes a field element as exactly 32 big-endian bytes in unpadded base64url. */
    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
