package dev.sspr.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a caller's address into the key its limits are counted under. An IPv4 address counts
 * alone. An IPv6 address counts by its /64 network, because one subscriber usually gets a whole
 * /64 and could otherwise take a new address for every request. The text is parsed here, without
 * {@link java.net.InetAddress}, so no input can cause a DNS lookup.
 */
public final class SourceAddresses {
    private static final Pattern HEX_GROUP = Pattern.compile("^[0-9A-Fa-f]{1,4}$");
    private static final Pattern IPV4 = Pattern.compile(
            "^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");

    private SourceAddresses() {
    }

    /**
     * Returns the limit key of {@code sourceIp}: the /64 network such as {@code 2001:db8:0:1::/64}
     * for IPv6, the dotted address for IPv4 and IPv4-mapped IPv6, and the text itself otherwise.
     */
    public static String limitKey(String sourceIp) {
        if (sourceIp == null) {
            return "unknown";
        }
        int[] groups = ipv6Groups(sourceIp);
        if (groups == null) {
            return sourceIp;
        }
        boolean mapped = groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff;
        if (mapped) {
            return (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "." + (groups[7] & 0xff);
        }
        return String.format(Locale.ROOT, "%x:%x:%x:%x::/64", groups[0], groups[1], groups[2], groups[3]);
    }

    /** Parses an IPv6 address into its eight 16-bit groups, or returns null when it is not one. */
    private static int[] ipv6Groups(String text) {
        if (!text.contains(":") || text.length() > 45) {
            return null;
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        List<Integer> head = gap >= 0 ? groups(text.substring(0, gap), false) : groups(text, true);
        List<Integer> tail = gap >= 0 ? groups(text.substring(gap + 2), true) : List.of();
        if (head == null || tail == null) {
            return null;
        }
        int groupCount = head.size() + tail.size();
        if (gap < 0 ? groupCount != 8 : groupCount > 7) {
            return null;
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.size(); i++) {
            groups[i] = head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            groups[8 - tail.size() + i] = tail.get(i);
        }
        return groups;
    }

    /**
     * Parses colon-separated hex groups. When {@code mayEndInIpv4} is set, the last part may be a
     * dotted IPv4 address, which counts as two groups.
     */
    private static List<Integer> groups(String part, boolean mayEndInIpv4) {
        List<Integer> groups = new ArrayList<>();
        if (part.isEmpty()) {
            return groups;
        }
        String[] pieces = part.split(":", -1);
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (HEX_GROUP.matcher(piece).matches()) {
                groups.add(Integer.parseInt(piece, 16));
            } else if (mayEndInIpv4 && i == pieces.length - 1 && IPV4.matcher(piece).matches()) {
                String[] octets = piece.split("\\.");
                groups.add(Integer.parseInt(octets[0]) << 8 | Integer.parseInt(octets[1]));
                groups.add(Integer.parseInt(octets[2]) << 8 | Integer.parseInt(octets[3]));
            } else {
                return null;
            }
        }
        return groups;
    }
}
