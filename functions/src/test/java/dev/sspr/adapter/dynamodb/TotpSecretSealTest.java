package dev.sspr.adapter.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sspr.core.Secret;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TotpSecretSealTest {
    private final TotpSecretSeal seal = TotpSecretSeal.derivedFrom(new byte[32]);

    @Test
    void derivedFrom_shortRootKey_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> TotpSecretSeal.derivedFrom(new byte[31]));
    }

    @Test
    void open_sealedValue_returnsSecret() {
        String sealed = seal.seal("cs0101", Secret.of("JBSWY3DPEHPK3PXP"));

        assertEquals("JBSWY3DPEHPK3PXP", seal.open("cs0101", sealed).reveal());
    }

    @Test
    void open_otherFormat_fails() {
        assertThrows(IllegalStateException.class, () -> seal.open("cs0101", "JBSWY3DPEHPK3PXP"));
    }

    @Test
    void open_invalidBase64_fails() {
        assertThrows(IllegalStateException.class, () -> seal.open("cs0101", "v1.***"));
    }

    @Test
    void open_flippedByte_fails() {
        String sealed = seal.seal("cs0101", Secret.of("JBSWY3DPEHPK3PXP"));
        byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring("v1.".length()));
        bytes[bytes.length - 1] ^= 1;
        String flipped = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        assertThrows(IllegalStateException.class, () -> seal.open("cs0101", flipped));
    }
}
