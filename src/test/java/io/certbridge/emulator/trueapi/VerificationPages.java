package io.certbridge.emulator.trueapi;

import io.certbridge.emulator.EmulatorServer.Response;
import io.certbridge.emulator.RecordedRequest;

/**
 * The public page behind each {@code verification_url}, {@code GET /verify/<certificate id>}, without key or
 * rate limit: it shows the status (also as {@code <meta name="true-certificate-status">}), and opening it is a
 * view ({@code certificate.viewed}, the {@code Referer} as {@code referrer}).
 */
final class VerificationPages {

    static final String PREFIX = "/verify/";
    private static final String HTML = "text/html; charset=utf-8";

    private final TrueAccount account;

    VerificationPages(TrueAccount account) {
        this.account = account;
    }

    Response handle(RecordedRequest request) {
        String id = request.path().substring(PREFIX.length());
        Certificate certificate;
        try {
            certificate = account.certificate(id);
        } catch (ApiError notFound) {
            return Response.text(404, HTML, "<h1>Certificate not found</h1>");
        }
        account.view(id, null, request.header("Referer"));
        return Response.text(200, HTML, "<!doctype html><meta name=\"true-certificate-status\" content=\""
                + certificate.status() + "\"><title>Certificate " + id + "</title><p>Status: " + certificate.status()
                + "</p><p>Polygon transaction " + certificate.transactionHash + "</p>");
    }
}
