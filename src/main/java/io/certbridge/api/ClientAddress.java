package io.certbridge.api;

import io.certbridge.shared.Cidr;
import io.certbridge.shared.IpLiterals;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The address a request comes from, as API key allowlists and the audit log see it: the connection's peer, unless
 * {@code certbridge.api.trusted-proxies} lists the peer; then the right-most address of X-Forwarded-For (or, without
 * it, of the RFC 7239 Forwarded header's {@code for=}) that is not itself a trusted proxy. Everything left of that
 * address was written by the client and proves nothing. With no trusted proxies (the default) no header counts.
 */
@Component
public class ClientAddress {

    private static final String ATTRIBUTE = ClientAddress.class.getName();

    private final List<Cidr> trustedProxies;

    public ClientAddress(ApiSettings settings) {
        this.trustedProxies = settings.trustedProxies().stream().map(Cidr::parse).toList();
    }

    /** The client's address in the canonical spelling of {@link InetAddress#getHostAddress()}. */
    public InetAddress of(HttpServletRequest request) {
        InetAddress known = (InetAddress) request.getAttribute(ATTRIBUTE);
        if (known == null) {
            known = find(request);
            request.setAttribute(ATTRIBUTE, known);
        }
        return known;
    }

    private InetAddress find(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        int zone = remote.indexOf('%');
        // the socket's own address: an IPv6 link-local one may carry its interface (fe80::1%eth0)
        InetAddress peer = parse(zone < 0 ? remote : remote.substring(0, zone));
        if (peer == null || !trusted(peer)) {
            return peer;
        }
        List<String> hops = hops(request);
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = parse(hops.get(i));
            if (hop == null) {
                // garbage from a client, or an obfuscated identifier (RFC 7239): the last address one can trust
                return peer;
            }
            if (!trusted(hop)) {
                return hop;
            }
            peer = hop;
        }
        return peer;
    }

    private boolean trusted(InetAddress address) {
        byte[] bytes = address.getAddress();
        return trustedProxies.stream().anyMatch(proxy -> proxy.contains(bytes));
    }

    /** The addresses the proxies appended, oldest first, from every X-Forwarded-For header, else every Forwarded. */
    private static List<String> hops(HttpServletRequest request) {
        List<String> forwardedFor = values(request.getHeaders("X-Forwarded-For"));
        if (!forwardedFor.isEmpty()) {
            return forwardedFor;
        }
        List<String> hops = new ArrayList<>();
        for (String element : values(request.getHeaders("Forwarded"))) {
            for (String pair : element.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("for")) {
                    hops.add(forValue(pair.substring(equals + 1).strip()));
                }
            }
        }
        return hops;
    }

    private static List<String> values(Enumeration<String> headers) {
        List<String> values = new ArrayList<>();
        for (String header : headers == null ? List.<String>of() : Collections.list(headers)) {
            for (String value : header.split(",")) {
                values.add(value.strip());
            }
        }
        return values;
    }

    /** {@code for="[2001:db8::1]:4711"} or {@code for=192.0.2.43:80} or {@code for=unknown}: the address. */
    private static String forValue(String value) {
        String unquoted = value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
        if (unquoted.startsWith("[")) {
            int close = unquoted.indexOf(']');
            return close < 0 ? unquoted : unquoted.substring(1, close);
        }
        int colon = unquoted.indexOf(':');
        return colon >= 0 && colon == unquoted.lastIndexOf(':') ? unquoted.substring(0, colon) : unquoted;
    }

    private static InetAddress parse(String text) {
        try {
            return text == null || text.isEmpty() ? null : IpLiterals.parse(text);
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }
}
