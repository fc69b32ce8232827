package io.certbridge.shared.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/** HttpClient's resolver: a connection is only ever opened to an address the guard allowed. */
public final class GuardedDnsResolver implements DnsResolver {

    private final SsrfGuard guard;

    public GuardedDnsResolver(SsrfGuard guard) {
        this.guard = guard;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return guard.resolveAllowed(host);
    }

    /** Only asked for by Kerberos authentication, which these calls never use; no reverse lookup is made. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
