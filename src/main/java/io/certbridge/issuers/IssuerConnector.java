package io.certbridge.issuers;

import io.certbridge.delivery.Connector;

/**
 * A connector to one type of outside issuer for one operation: issuing the certificates asked of it
 * ({@link Operation#ISSUE}, deliveries planned on certificate.requested) or forwarding a certificate's status
 * ({@link Operation#STATUS}, on certificate.updated and certificate.revoked, for the types that take it). A
 * delivery's target names the account ({@code issuer}); its channel, {@code issuer/<name>}, is paused while the
 * account may not be called.
 */
public interface IssuerConnector extends Connector {

    enum Operation { ISSUE, STATUS }

    IssuerType type();

    Operation operation();

    static String channel(String issuer) {
        return "issuer/" + issuer;
    }
}
