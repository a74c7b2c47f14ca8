package dev.sspr.adapter.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.port.PasswordMac;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class LocalPasswordMacTest {
    @Test
    void mac_matchesRfc4231TestCase6() {
        // RFC 4231 test case 6: a 131-byte key of 0xaa, hashed first because it exceeds the block size.
        byte[] key = new byte[131];
        Arrays.fill(key, (byte) 0xaa);
        byte[] message = "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII);

        PasswordMac.KeyedMac result = new LocalPasswordMac("rfc4231", key).mac(message);

        assertEquals("rfc4231", result.keyId());
        assertEquals("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                HexFormat.of().formatHex(result.mac()));
    }

    @Test
    void macWithKeyId_matchesForOwnKeyOnly() {
        LocalPasswordMac mac = LocalPasswordMac.withRandomKey();
        byte[] message = {1, 2, 3};

        assertArrayEquals(mac.mac(message).mac(), mac.mac(mac.keyId(), message).orElseThrow());
        assertTrue(mac.mac("another-key", message).isEmpty());
    }

    @Test
    void withRandomKey_givesEachInstanceItsOwnKey() {
        LocalPasswordMac first = LocalPasswordMac.withRandomKey();
        LocalPasswordMac second = LocalPasswordMac.withRandomKey();
        byte[] message = {1, 2, 3};

        assertNotEquals(first.keyId(), second.keyId());
        assertTrue(first.keyId().startsWith("local-"), first.keyId());
        assertFalse(Arrays.equals(first.mac(message).mac(), second.mac(message).mac()));
    }

    @Test
    void constructor_rejectsShortKey() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new LocalPasswordMac("short", new byte[31]));

        assertEquals("The password history key must be at least 32 bytes, was 31", error.getMessage());
    }
}
