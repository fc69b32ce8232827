package io.certbridge.issuers;

import java.util.Map;

/**
 * How one type of outside issuer's webhooks are authenticated and what they mean to its certificates: received at
 * {@code POST /hooks/issuers/<name>} by {@link IssuerHookController}, which answers 401 to a delivery this refuses.
 */
public interface IssuerWebhook {

    IssuerType type();

    /**
     * Whether the delivery comes from the account's service: its signature over {@code body}, or the secret given in
     * the URL ({@code urlSecret}, null when none was). {@code headers} are keyed in lower case.
     */
    boolean authentic(IssuerSettings.Account account, Map<String, String> headers, byte[] body, String urlSecret);

    /** Acts on an authentic delivery; it may come more than once, so acting twice must do nothing more. */
    void receive(String issuer, IssuerSettings.Account account, Map<String, String> headers, byte[] body);
}
