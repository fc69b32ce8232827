package io.certbridge.issuance;

import io.certbridge.shared.Environment;
import io.certbridge.credential.StatusIndexes;
import io.certbridge.template.Template;
import io.certbridge.template.Templates;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Gives the certificates issued before credentials existed their signed credential at start-up, so
 * that every verification link works.
 */
@Component
class CredentialBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CredentialBackfill.class);
    private static final int CHUNK = 500;

    private final Certificates certificates;
    private final Templates templates;
    private final CertificateIssuer issuer;
    private final StatusIndexes statusIndexes;

    CredentialBackfill(Certificates certificates, Templates templates, CertificateIssuer issuer,
                       StatusIndexes statusIndexes) {
        this.certificates = certificates;
        this.templates = templates;
        this.issuer = issuer;
        this.statusIndexes = statusIndexes;
    }

    @Override
    public void run(ApplicationArguments args) {
        int signed = signMissing();
        if (signed > 0) {
            log.info("Signed the credentials of {} certificates issued before credentials existed", signed);
        }
    }

    int signMissing() {
        int signed = 0;
        List<Certificate> missing;
        while (!(missing = certificates.withoutCredential(CHUNK)).isEmpty()) {
            for (Certificate certificate : missing) {
                Template template = templates.find(certificate.templateId()).orElseThrow();
                long statusIndex = statusIndexes.next();
                certificates.addCredential(certificate.id(), statusIndex, issuer.credential(template, certificate.id(),
                        certificate.livemode() ? Environment.LIVE : Environment.TEST, certificate.recipient(),
                        certificate.fields(), certificate.issuedAt(), certificate.expiresAt(), statusIndex, List.of(),
                        certificate.replaces()));
                signed++;
            }
        }
        return signed;
    }
}
