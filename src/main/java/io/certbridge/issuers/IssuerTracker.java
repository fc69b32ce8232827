package io.certbridge.issuers;

/**
 * Follows the work one type of outside issuer does after answering (a TRUE batch, a VEC.digital upload processing)
 * when no webhook says it is done: called every {@code poll-interval} for each account of its type, by
 * routes/outside-issuance-tracking.
 */
public interface IssuerTracker {

    IssuerType type();

    void track(String issuer, IssuerSettings.Account account) throws InterruptedException;
}
