package io.certbridge.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A block of addresses such as 10.0.0.0/8 or fc00::/7; a bare address is a block of one. */
public final class Cidr {

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private Cidr(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    public static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        try {
            InetAddress address = IpLiterals.parse(slash < 0 ? trimmed : trimmed.substring(0, slash));
            if (address != null) {
                byte[] bytes = address.getAddress();
                int length = slash < 0 ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
                if (length >= 0 && length <= bytes.length * 8) {
                    return new Cidr(bytes, length, trimmed);
                }
            }
        } catch (UnknownHostException | NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a network such as 10.1.0.0/16 or fd00::/8");
    }

    /** Whether {@code address} (4 or 16 bytes) lies in this block; an address of the other family never does. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        int mask = (0xff << (8 - restBits)) & 0xff;
        return restBits == 0 || (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    /** The block as it was written, such as 10.0.0.0/8 or fd00::/8. */
    @Override
    public String toString() {
        return text;
    }
}
