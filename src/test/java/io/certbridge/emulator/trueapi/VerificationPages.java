package io.certbridge.emulator.trueapi;

import io.certbridge.emulator.EmulatorServer.Response;
import io.certbridge.emulator.RecordedRequest;

/**
 * The public page behind each {@code verification_url}, {@code GET /verify/<certificate id>}: no key, no rate
 * limit. It shows the certificate's status (also as {@code <meta name="true-certificate-status">}), and
 * opening it is a view ({@code certificate.viewed}, the {@code Referer} as {@code referrer}).
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
        if (!request.method().equals("GET")) {
            return Response.text(405, HTML, "<h1>Method not allowed</h1>").withHeader("Allow", "GET");
        }
        Certificate certificate;
        try {
            certificate = account.certificate(id);
        } catch (ApiError notFound) {
            return Response.text(404, HTML, "<h1>Certificate not found</h1>");
        }
        account.view(id, null, request.header("Referer"));
        String status = certificate.status();
        return Response.text(200, HTML, "<!doctype html><html><head><meta name=\"true-certificate-status\" content=\""
                + status + "\"><title>Certificate " + id + "</title></head><body><h1>"
                + escape(certificate.recipientName) + "</h1><p>Status: " + status + "</p><p>Blockchain: polygon "
                + certificate.transactionHash + "</p></body></html>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
