package dev.tessera.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Which addresses a webhook may not reach (the SSRF guard): everything that is not the public
 * internet. IPv4: "this network" 0/8, private 10/8, 172.16/12, 192.168/16, CGNAT 100.64/10,
 * loopback 127/8, link-local 169.254/16 (cloud metadata), IETF 192.0.0/24, multicast 224/4,
 * reserved 240/4 and broadcast. IPv6: unspecified, loopback, link-local fe80::/10, site-local
 * fec0::/10, unique-local fc00::/7, multicast ff00::/8, and IPv6 forms that carry an IPv4 address
 * (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16), judged by that IPv4 address.
 * Stateless and thread-safe.
 */
final class AddressRanges {

    private record Range(byte[] prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((address[i / 8] & mask) != (prefix[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Range> REFUSED_V4 = ranges("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4");
    private static final List<Range> REFUSED_V6 = ranges("fe80::/10", "fec0::/10", "fc00::/7", "ff00::/8");

    private AddressRanges() {}

    /** True when the address is not on the public internet. */
    static boolean isPrivate(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return REFUSED_V4.stream().anyMatch(range -> range.contains(bytes));
        }
        if (address instanceof Inet6Address) {
            byte[] embedded = embeddedIpv4(bytes);
            if (embedded != null) {
                return REFUSED_V4.stream().anyMatch(range -> range.contains(embedded));
            }
            return REFUSED_V6.stream().anyMatch(range -> range.contains(bytes));
        }
        return true;
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address, else null. */
    private static byte[] embeddedIpv4(byte[] v6) {
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= v6[i] == 0;
        }
        boolean mapped = zeros80 && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff;
        boolean compatible = zeros80 && v6[10] == 0 && v6[11] == 0;
        boolean nat64 = (v6[0] & 0xff) == 0x00 && (v6[1] & 0xff) == 0x64 && (v6[2] & 0xff) == 0xff && (v6[3] & 0xff) == 0x9b
                && v6[4] == 0 && v6[5] == 0 && v6[6] == 0 && v6[7] == 0 && v6[8] == 0 && v6[9] == 0 && v6[10] == 0
                && v6[11] == 0;
        if (mapped || compatible || nat64) {
            return new byte[] {v6[12], v6[13], v6[14], v6[15]};
        }
        if ((v6[0] & 0xff) == 0x20 && (v6[1] & 0xff) == 0x02) {
            return new byte[] {v6[2], v6[3], v6[4], v6[5]};
        }
        return null;
    }

    /** CIDR literals (no name lookup: {@link InetAddress#getByName} of a literal only parses it). */
    private static List<Range> ranges(String... cidrs) {
        return java.util.Arrays.stream(cidrs).map(cidr -> {
            int slash = cidr.indexOf('/');
            try {
                return new Range(InetAddress.getByName(cidr.substring(0, slash)).getAddress(),
                        Integer.parseInt(cidr.substring(slash + 1)));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(cidr, e);
            }
        }).toList();
    }
}
