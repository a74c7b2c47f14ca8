package dev.sspr.adapter.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.Secret;
import dev.sspr.core.password.PasswordHistory;
import dev.sspr.core.password.PasswordHistoryEntry;
import dev.sspr.core.port.PasswordMac;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/** Runs the KMS adapter against moto_server's KMS on loopback, over the real AWS JSON protocol. */
class KmsPasswordMacTest {
    @RegisterExtension
    static final MotoKmsServer MOTO = new MotoKmsServer();

    private static final byte[] MESSAGE = "a 64-byte digest in real use".getBytes(StandardCharsets.UTF_8);

    private static KmsClient kms;
    private static KeyMetadata key;

    @BeforeAll
    static void createKey() {
        kms = MOTO.client();
        key = createHmacKey();
    }

    @AfterAll
    static void closeClient() {
        if (kms != null) {
            kms.close();
        }
    }

    @Test
    void mac_returns32BytesAndTheKeyId() {
        PasswordMac.KeyedMac result = new KmsPasswordMac(kms, key.arn()).mac(MESSAGE);

        assertEquals(32, result.mac().length);
        assertTrue(Set.of(key.keyId(), key.arn()).contains(result.keyId()), result.keyId());
    }

    @Test
    void mac_isStableAndDependsOnMessageAndKey() {
        KmsPasswordMac first = new KmsPasswordMac(kms, key.arn());
        KmsPasswordMac second = new KmsPasswordMac(kms, createHmacKey().arn());
        byte[] other = "another message".getBytes(StandardCharsets.UTF_8);

        assertArrayEquals(first.mac(MESSAGE).mac(), first.mac(MESSAGE).mac());
        assertFalse(Arrays.equals(first.mac(MESSAGE).mac(), first.mac(other).mac()));
        assertFalse(Arrays.equals(first.mac(MESSAGE).mac(), second.mac(MESSAGE).mac()));
    }

    @Test
    void macWithKeyId_matchesTheCurrentKeysMac() {
        KmsPasswordMac mac = new KmsPasswordMac(kms, key.arn());
        PasswordMac.KeyedMac current = mac.mac(MESSAGE);

        assertArrayEquals(current.mac(), mac.mac(current.keyId(), MESSAGE).orElseThrow());
    }

    @Test
    void macWithUnknownKey_isEmpty() {
        KmsPasswordMac mac = new KmsPasswordMac(kms, key.arn());

        assertTrue(mac.mac(UUID.randomUUID().toString(), MESSAGE).isEmpty());
    }

    @Test
    void history_findsPasswordsThroughKms() {
        PasswordHistory history = new PasswordHistory(new KmsPasswordMac(kms, key.arn()));
        PasswordHistoryEntry stored = history.candidate("cs0101", Secret.of("Correct-Horse-7-Battery")).entry();

        assertTrue(history.candidate("cs0101", Secret.of("Correct-Horse-7-Battery")).isIn(List.of(stored)));
        assertFalse(history.candidate("cs0101", Secret.of("Correct-Horse-7-Batterz")).isIn(List.of(stored)));
        assertFalse(history.candidate("cs0102", Secret.of("Correct-Horse-7-Battery")).isIn(List.of(stored)));
    }

    private static KeyMetadata createHmacKey() {
        return kms.createKey(request -> request
                .keySpec(KeySpec.HMAC_256)
                .keyUsage(KeyUsageType.GENERATE_VERIFY_MAC)
                .description("sspr password history test key"))
                .keyMetadata();
    }
}
