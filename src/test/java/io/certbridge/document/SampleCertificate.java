package io.certbridge.document;

import io.certbridge.template.CertificateDesign.Field;
import io.certbridge.template.CertificateDesign.Model;
import java.util.List;

final class SampleCertificate {

    static final String VERIFICATION_URL = "https://certs.example.org/verify/0193f0c2-7d1e-7a4b-9c3d-5e6f7a8b9c0d";

    private SampleCertificate() {
    }

    static Model withRecipient(String recipientName) {
        return new Model(recipientName, "Advanced Data Engineering",
                "Designed, built and operated streaming data pipelines with exactly-once delivery, "
                        + "and reasoned about their failure modes under load.",
                "Passed the final assessment with at least 80%.", "Northwind Academy", "14 March 2026",
                "14 March 2029", "0193f0c2-7d1e-7a4b-9c3d-5e6f7a8b9c0d", VERIFICATION_URL,
                new QrCode().pngDataUri(VERIFICATION_URL, 300),
                List.of(new Field("grade", "A"), new Field("hours", "120"),
                        new Field("instructor", "Dr. Grace Hopper")));
    }
}
