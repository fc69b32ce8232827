package io.certbridge.document;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.credential.IssuerIdentity;
import io.certbridge.issuance.Certificate;
import io.certbridge.shared.Json;
import io.certbridge.template.CertificateDesign;
import io.certbridge.template.Template;
import io.certbridge.template.Templates;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** A certificate as people see it: its template's design filled in, as a PDF that carries the credential. */
@Component
public class CertificateDocuments {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Templates templates;
    private final CertificateDesign design;
    private final CertificatePdf pdf;
    private final QrCode qr;
    private final IssuerIdentity issuer;
    private final VerifiedDocuments verified;
    private final Json json;

    CertificateDocuments(Templates templates, CertificateDesign design, CertificatePdf pdf, QrCode qr,
                         IssuerIdentity issuer, VerifiedDocuments verified, Json json) {
        this.verified = verified;
        this.json = json;
        this.templates = templates;
        this.design = design;
        this.pdf = pdf;
        this.qr = qr;
        this.issuer = issuer;
    }

    /**
     * The certificate's PDF: the verified one its outside issuer made, or the vault's stamped copy of its file, if
     * there is one; else the hub's.
     */
    public byte[] pdf(Certificate certificate) {
        return verified.pdf(certificate.id()).orElseGet(() -> rendered(certificate));
    }

    /**
     * The PDF the hub renders of the certificate, with its Open Badges credential attached as credential.json. A
     * certificate an outside service issues has no credential of the hub's; before the service has given it a
     * verification address (the PDF VEC.digital stamps with its own QR code) it has no QR code either.
     */
    public byte[] rendered(Certificate certificate) {
        Template template = template(certificate);
        String html = design.render(template.design(), model(certificate, template));
        return pdf.render(html, certificate.credential() == null ? null
                : certificate.credential().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What the certificate certifies, as its credential names it (a vault certificate's title, which its template does
     * not know); its template's name when the hub holds no credential of it.
     */
    public String achievementName(Certificate certificate) {
        JsonNode name = certificate.credential() == null ? null
                : json.read(certificate.credential(), JsonNode.class).get("name");
        return name != null && name.isTextual() ? name.asText() : template(certificate).name();
    }

    public Template template(Certificate certificate) {
        return templates.find(certificate.templateId()).orElseThrow();
    }

    public String qrDataUri(Certificate certificate) {
        return certificate.verificationUrl() == null ? "" : qr.pngDataUri(certificate.verificationUrl(), 300);
    }

    public static String day(Instant instant) {
        return instant == null ? null : DAY.format(instant);
    }

    private CertificateDesign.Model model(Certificate certificate, Template template) {
        List<CertificateDesign.Field> fields = template.fields().stream()
                .filter(f -> certificate.fields().containsKey(f.name()))
                .map(f -> new CertificateDesign.Field(f.name(), text(certificate.fields().get(f.name()))))
                .toList();
        return new CertificateDesign.Model(certificate.recipient().name(), template.name(), template.description(),
                template.criteria(), issuer.name(), day(certificate.issuedAt()), day(certificate.expiresAt()),
                certificate.id(), certificate.verificationUrl(), qrDataUri(certificate), fields);
    }

    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
