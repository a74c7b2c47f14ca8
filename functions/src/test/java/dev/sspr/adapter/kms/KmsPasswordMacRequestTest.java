package dev.sspr.adapter.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.port.PasswordMac;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.GenerateMacRequest;
import software.amazon.awssdk.services.kms.model.GenerateMacResponse;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** Pins the GenerateMac request the adapter sends and how it maps KMS errors, with a stub client. */
class KmsPasswordMacRequestTest {
    private static final String KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final byte[] MAC = new byte[32];

    @Test
    void mac_sendsKeyAlgorithmAndMessage() {
        StubKms stub = new StubKms(() -> GenerateMacResponse.builder()
                .keyId(KEY_ARN).mac(SdkBytes.fromByteArray(MAC)).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256).build());

        PasswordMac.KeyedMac result = new KmsPasswordMac(stub, "alias/sspr-password-history").mac(new byte[] {1, 2, 3});

        GenerateMacRequest request = stub.requests.get(0);
        assertEquals("alias/sspr-password-history", request.keyId());
        assertEquals(MacAlgorithmSpec.HMAC_SHA_256, request.macAlgorithm());
        assertArrayEquals(new byte[] {1, 2, 3}, request.message().asByteArray());
        assertEquals(KEY_ARN, result.keyId(), "entries keep the ARN that KMS returns, not the alias");
        assertArrayEquals(MAC, result.mac());
    }

    @Test
    void macWithKeyId_isEmptyForDisabledKey() {
        StubKms stub = new StubKms(() -> {
            throw DisabledException.builder().message("disabled").build();
        });

        assertTrue(new KmsPasswordMac(stub, KEY_ARN).mac(KEY_ARN, new byte[1]).isEmpty());
    }

    @Test
    void macWithKeyId_isEmptyForKeyPendingDeletion() {
        StubKms stub = new StubKms(() -> {
            throw KmsInvalidStateException.builder().message("pending deletion").build();
        });

        assertTrue(new KmsPasswordMac(stub, KEY_ARN).mac(KEY_ARN, new byte[1]).isEmpty());
    }

    @Test
    void macWithKeyId_isEmptyForDeletedKey() {
        StubKms stub = new StubKms(() -> {
            throw NotFoundException.builder().message("not found").build();
        });

        assertTrue(new KmsPasswordMac(stub, KEY_ARN).mac(KEY_ARN, new byte[1]).isEmpty());
    }

    @Test
    void macWithKeyId_rethrowsOtherErrors() {
        KmsException denied = (KmsException) KmsException.builder().message("AccessDeniedException").statusCode(400).build();
        StubKms stub = new StubKms(() -> {
            throw denied;
        });

        KmsException thrown = assertThrows(KmsException.class,
                () -> new KmsPasswordMac(stub, KEY_ARN).mac(KEY_ARN, new byte[1]));
        assertSame(denied, thrown);
    }

    @Test
    void fromEnvironment_rejectsMissingKeyIdWithTheVariableName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KmsPasswordMac.fromEnvironment(Map.of()));

        assertEquals("The password history KMS key id is missing: set PASSWORD_HISTORY_KEY_ID to the ARN of an"
                + " HMAC_256 key", error.getMessage());
    }

    /** A KMS client that records GenerateMac requests and returns or throws what a supplier gives. */
    private static final class StubKms implements KmsClient {
        final List<GenerateMacRequest> requests = new ArrayList<>();
        private final Supplier<GenerateMacResponse> answer;

        StubKms(Supplier<GenerateMacResponse> answer) {
            this.answer = answer;
        }

        @Override
        public GenerateMacResponse generateMac(GenerateMacRequest request) {
            requests.add(request);
            return answer.get();
        }

        @Override
        public String serviceName() {
            return "kms";
        }

        @Override
        public void close() {
        }
    }
}
