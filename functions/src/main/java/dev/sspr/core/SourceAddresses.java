package dev.sspr.core;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a caller's address into the key its limits are counted under. An IPv4 address counts
 * alone. An IPv6 address counts by its /64 network, because one subscriber usually gets a whole
 * /64 and could otherwise take a new address for every request.
 */
public final class SourceAddresses {
    /** Characters of an IPv6 literal, checked first so that parsing never does a DNS lookup. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");

    private SourceAddresses() {
    }

    /** Returns the limit key of {@code sourceIp}, such as {@code 2001:db8:0:1::/64}, or the text itself. */
    public static String limitKey(String sourceIp) {
        if (sourceIp == null) {
            return "unknown";
        }
        if (!sourceIp.contains(":") || !IPV6_LITERAL.matcher(sourceIp).matches()) {
            return sourceIp;
        }
        try {
            InetAddress address = InetAddress.getByName(sourceIp);
            if (!(address instanceof Inet6Address)) {
                // An IPv4-mapped IPv6 address comes back as IPv4 and counts alone, like IPv4.
                return address.getHostAddress();
            }
            byte[] bytes = address.getAddress();
            StringBuilder network = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return network.append(":/64").toString().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return sourceIp;
        }
    }
}
