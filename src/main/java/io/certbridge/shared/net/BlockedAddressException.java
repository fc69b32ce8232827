package io.certbridge.shared.net;

import java.net.UnknownHostException;

/**
 * A host left with no address the hub may connect to. An {@link UnknownHostException} because that is what an
 * HttpClient {@code DnsResolver} may throw: the call then fails as a connection failure, before any socket opens.
 */
public class BlockedAddressException extends UnknownHostException {

    public BlockedAddressException(String message) {
        super(message);
    }
}
