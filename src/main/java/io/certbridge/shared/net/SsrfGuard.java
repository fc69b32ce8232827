package io.certbridge.shared.net;

import io.certbridge.shared.IpLiterals;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one gate for every call to a URL a customer supplied. {@link #checkUrl} gives fast feedback when the URL is
 * registered; {@link #resolveAllowed} decides, each time a connection is opened, which addresses it may use, so a
 * name that resolves elsewhere later (DNS rebinding) still reaches only public addresses. Only https URLs are
 * called unless {@code allowHttp}; {@code allowedNetworks} (CIDRs) are let through although private or loopback.
 * Each feature that calls outside URLs builds its guard from its own settings.
 */
public class SsrfGuard {

    private final HostResolver resolver;
    private final AddressPolicy policy;
    private final boolean allowHttp;

    public SsrfGuard(boolean allowHttp, List<String> allowedNetworks, HostResolver resolver) {
        this.resolver = resolver;
        this.policy = new AddressPolicy(allowedNetworks);
        this.allowHttp = allowHttp;
    }

    /** Refuses a URL the hub would not call, or one whose host has any address that is not public. */
    public void checkUrl(String url) {
        String host = parse(url).getHost();
        InetAddress[] addresses;
        try {
            addresses = resolve(host);
        } catch (UnknownHostException e) {
            throw new UnsafeUrlException("url_host_unresolvable", "The URL's host " + host + " could not be found.");
        }
        for (InetAddress address : addresses) {
            if (!policy.allows(address)) {
                // the address a name resolves to is not told: it would map the hub's network for whoever asks
                String which = isLiteral(host) ? host + " is not one."
                        : host + " resolves to an address that is not one.";
                throw new UnsafeUrlException("url_host_not_public", "The URL must point to a public internet address; " + which);
            }
        }
    }

    /** The addresses of {@code host} a connection may use; at least one, or the call must not be made. */
    public InetAddress[] resolveAllowed(String host) throws UnknownHostException {
        InetAddress[] addresses = resolve(host);
        InetAddress[] allowed = Arrays.stream(addresses).filter(policy::allows).toArray(InetAddress[]::new);
        if (allowed.length == 0) {
            throw new BlockedAddressException(isLiteral(host)
                    ? "address " + addresses[0].getHostAddress() + " is not public"
                    : host + " resolves only to addresses that are not public");
        }
        return allowed;
    }

    /** The URL once its form is acceptable: absolute http(s), a host, no credentials, no fragment. */
    public URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url);
        } catch (URISyntaxException e) {
            throw new UnsafeUrlException("url_malformed", "The URL is not valid.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawAuthority() == null) {
            throw new UnsafeUrlException("url_malformed", "The URL must be absolute, such as https://example.com/webhooks.");
        }
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new UnsafeUrlException("url_not_https", "The URL must start with https://.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UnsafeUrlException("url_has_credentials", "The URL must not contain a user name or password.");
        }
        if (uri.getHost() == null || uri.getHost().indexOf('%') >= 0) {
            throw new UnsafeUrlException("url_malformed", "The URL's host is not a valid host name or IP address.");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new UnsafeUrlException("url_malformed", "The URL's port must be between 1 and 65535.");
        }
        if (uri.getRawFragment() != null) {
            throw new UnsafeUrlException("url_malformed", "The URL must not have a fragment (#…).");
        }
        return uri;
    }

    private static boolean isLiteral(String host) {
        try {
            return IpLiterals.parse(host) != null;
        } catch (UnknownHostException e) {
            return true;
        }
    }

    private InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress literal = IpLiterals.parse(host);
        if (literal != null) {
            return new InetAddress[] {literal};
        }
        InetAddress[] addresses = resolver.resolve(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        return addresses;
    }
}
