package dev.sspr.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceAddressesTest {

    @ParameterizedTest
    @CsvSource({
        "203.0.113.7, 203.0.113.7",
        "2001:db8:0:1::1, 2001:db8:0:1::/64",
        "2001:db8:0:1:ffff:ffff:ffff:ffff, 2001:db8:0:1::/64",
        "2001:DB8:0:1:a:b:c:d, 2001:db8:0:1::/64",
        "::1, 0:0:0:0::/64",
        "::, 0:0:0:0::/64",
        "2001:db8::, 2001:db8:0:0::/64",
        "2001:0db8:0000:0001:0000:0000:0000:0001, 2001:db8:0:1::/64",
        "64:ff9b::192.0.2.33, 64:ff9b:0:0::/64",
        "'.a:b', '.a:b'",
        "'[2001:db8::1]', '[2001:db8::1]'",
        "1:2:3:4:5:6:7, 1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:8:9, 1:2:3:4:5:6:7:8:9",
        "1::2::3, 1::2::3",
        "12345::1, 12345::1",
        "::ffff:300.1.1.1, ::ffff:300.1.1.1",
        "::ffff:198.51.100.4, 198.51.100.4",
        "fe80::1%eth0, fe80::1%eth0",
        "not-an-address, not-an-address",
        "example.net, example.net"})
    void limitKey_groupsIpv6ByNetwork(String sourceIp, String expected) {
        assertEquals(expected, SourceAddresses.limitKey(sourceIp));
    }

    @ParameterizedTest
    @CsvSource({"2001:db8:0:1::1, 2001:db8:0:1::2", "2001:db8:0:1::1, 2001:db8:0:1:8000::9"})
    void limitKey_sameNetwork_sameKey(String first, String second) {
        assertEquals(SourceAddresses.limitKey(first), SourceAddresses.limitKey(second));
    }
}
