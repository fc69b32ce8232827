package io.certbridge.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Reads a host that is an IP address in any spelling a resolver or browser accepts (the WHATWG URL rules:
 * 0x7f000001, 2130706433, 017700000001, 127.1, [::ffff:127.0.0.1]), so the address judged is the address a
 * connection would reach. Never asks DNS: such hosts must not reach the system resolver, which reads some of
 * these spellings itself.
 */
public final class IpLiterals {

    private static final Pattern NUMBER = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9a-fA-F:.]+");

    private IpLiterals() {
    }

    /**
     * The address {@code host} spells, or null when it is a name. A host whose last label is a number can only be
     * an IPv4 address, so one that is not a valid address is refused rather than looked up.
     */
    public static InetAddress parse(String host) throws UnknownHostException {
        if (host.startsWith("[") && host.endsWith("]")) {
            return ipv6(host.substring(1, host.length() - 1), host);
        }
        if (host.indexOf(':') >= 0) {
            return ipv6(host, host);
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String lastLabel = name.substring(name.lastIndexOf('.') + 1);
        return NUMBER.matcher(lastLabel).matches() ? ipv4(name, host) : null;
    }

    private static InetAddress ipv6(String literal, String host) throws UnknownHostException {
        if (!IPV6_TEXT.matcher(literal).matches()) {
            throw invalid(host);
        }
        // in brackets the JDK only ever parses the text as an IPv6 literal; it never looks it up
        return InetAddress.getByName("[" + literal + "]");
    }

    private static InetAddress ipv4(String name, String host) throws UnknownHostException {
        String[] parts = name.split("\\.", -1);
        if (parts.length > 4) {
            throw invalid(host);
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            long part = number(parts[i], host);
            if (part > 255) {
                throw invalid(host);
            }
            address |= part << (24 - 8 * i);
        }
        long last = number(parts[parts.length - 1], host);
        if (last >= 1L << (8 * (5 - parts.length))) {
            throw invalid(host);
        }
        address |= last;
        return InetAddress.getByAddress(new byte[] {
                (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
    }

    private static long number(String part, String host) throws UnknownHostException {
        if (!NUMBER.matcher(part).matches()) {
            throw invalid(host);
        }
        try {
            if (part.startsWith("0x") || part.startsWith("0X")) {
                return part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return Long.parseLong(part.substring(1), 8);
            }
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            throw invalid(host);
        }
    }

    private static UnknownHostException invalid(String host) {
        return new UnknownHostException(host + " is not a valid IP address");
    }
}
