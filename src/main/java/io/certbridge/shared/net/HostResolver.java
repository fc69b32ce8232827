package io.certbridge.shared.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Looks a host name up in DNS; the seam that lets tests answer without DNS. */
@FunctionalInterface
public interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;
}
