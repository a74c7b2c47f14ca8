package dev.sspr.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The limit on new resets per source address, for IPv4 addresses and IPv6 networks. */
class ResetStartLimitTest {
    private final TestCore test = new TestCore(true);
    private final CaptchaStep step = new CaptchaStep(test.core);
    private final int max = test.core.settings.limits().maxResetsPerAddress();

    @Test
    void start_sameIpv6Network_sharesLimit() {
        for (int i = 0; i < max; i++) {
            RequestContext context = new RequestContext("req", "2001:db8:0:7::" + Integer.toHexString(i + 1), "junit");
            assertEquals(201, step.start(context).status());
        }

        ApiResponse over = step.start(new RequestContext("req", "2001:db8:0:7:abcd::1", "junit"));

        assertEquals(429, over.status());
    }

    @Test
    void start_otherIpv6Network_hasOwnLimit() {
        for (int i = 0; i < max; i++) {
            step.start(new RequestContext("req", "2001:db8:0:7::" + Integer.toHexString(i + 1), "junit"));
        }

        ApiResponse other = step.start(new RequestContext("req", "2001:db8:0:8::1", "junit"));

        assertEquals(201, other.status());
    }

    @Test
    void start_neighbouringIpv4Address_hasOwnLimit() {
        for (int i = 0; i < max; i++) {
            step.start(new RequestContext("req", "203.0.113.7", "junit"));
        }

        ApiResponse neighbour = step.start(new RequestContext("req", "203.0.113.8", "junit"));

        assertEquals(201, neighbour.status());
    }
}
