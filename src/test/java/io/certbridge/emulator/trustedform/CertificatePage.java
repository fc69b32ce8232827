package io.certbridge.emulator.trustedform;

import io.certbridge.emulator.EmulatorServer.Response;

/** The HTML a {@code GET} of a certificate URL shows (and which retains nothing). */
final class CertificatePage {

    private CertificatePage() {
    }

    /** 200 with the certificate, or 404 when it is expired or unknown ({@code null}). */
    static Response of(Certificate certificate) {
        if (certificate == null) {
            return Response.text(404, "text/html; charset=utf-8",
                    "<!doctype html><html><body><h1>" + ApiError.NOT_FOUND + "</h1></body></html>");
        }
        return Response.text(200, "text/html; charset=utf-8", """
                <!doctype html><html><head><title>TrustedForm Certificate</title></head><body>
                <h1>TrustedForm Certificate</h1>
                <p>Certificate %s</p><p>Page: %s</p><p>Created: %s</p>
                </body></html>
                """.formatted(certificate.id(), certificate.pageUrl(), certificate.createdAt()));
    }
}
