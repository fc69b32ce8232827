package io.certbridge.shared.net;

import io.certbridge.shared.Cidr;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which addresses a customer's URL may reach: public ones, and any inside the allowed networks. The blocked ranges
 * follow Svix's {@code is_allowed}. An IPv4 address carried inside IPv6 (mapped ::ffff:0:0/96, NAT64 64:ff9b::/96,
 * 6to4 2002::/16) is judged as that IPv4 address, since that is where the packets end up.
 */
final class AddressPolicy {

    private static final List<Cidr> NOT_PUBLIC = Stream.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            // ::/96 holds the unspecified address, loopback and the deprecated IPv4-compatible form
            "::/96", "100::/64", "2001:db8::/32", "3fff::/20", "5f00::/16", "64:ff9b:1::/48",
            "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8")
            .map(Cidr::parse).toList();
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private final List<Cidr> allowedNetworks;

    AddressPolicy(List<String> allowedNetworks) {
        this.allowedNetworks = allowedNetworks.stream().map(Cidr::parse).toList();
    }

    boolean allows(InetAddress address) {
        return allows(address.getAddress());
    }

    private boolean allows(byte[] address) {
        if (allowedNetworks.stream().anyMatch(network -> network.contains(address))) {
            return true;
        }
        byte[] ipv4 = embeddedIpv4(address);
        if (ipv4 != null) {
            return allows(ipv4);
        }
        return NOT_PUBLIC.stream().noneMatch(network -> network.contains(address));
    }

    private static byte[] embeddedIpv4(byte[] address) {
        if (address.length != 16) {
            return null;
        }
        if (Arrays.equals(address, 0, 12, MAPPED_PREFIX, 0, 12) || NAT64.contains(address)) {
            return Arrays.copyOfRange(address, 12, 16);
        }
        if (SIX_TO_FOUR.contains(address)) {
            return Arrays.copyOfRange(address, 2, 6);
        }
        return null;
    }
}
