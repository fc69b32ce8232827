package io.certbridge.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.certbridge.credential.IssuerIdentity;
import io.certbridge.issuance.Certificate.Recipient;
import io.certbridge.issuance.Certificates;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.template.BidiControls;
import io.certbridge.template.CertificateDesign;
import io.certbridge.template.FieldValues;
import io.certbridge.template.Template;
import io.certbridge.template.Template.TemplateField;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What a certificate of a template would look like: its design filled in with the sample values given, and sample
 * values for the rest, rendered as a PDF marked "PREVIEW" that carries no credential. Nothing is signed, stored,
 * announced or anchored.
 */
@Component
public class TemplatePreviews {

    /** The certificate id a preview shows, which no certificate has. */
    public static final String PREVIEW_CERTIFICATE_ID = "cert_preview";
    static final Recipient SAMPLE_RECIPIENT = new Recipient("Ada Lovelace", "ada.lovelace@example.org");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final CertificateDesign design;
    private final CertificatePdf pdf;
    private final QrCode qr;
    private final IssuerIdentity issuer;
    private final Certificates certificates;
    private final Clock clock;

    TemplatePreviews(CertificateDesign design, CertificatePdf pdf, QrCode qr, IssuerIdentity issuer,
                     Certificates certificates, Clock clock) {
        this.design = design;
        this.pdf = pdf;
        this.qr = qr;
        this.issuer = issuer;
        this.certificates = certificates;
        this.clock = clock;
    }

    /**
     * @param recipient the sample recipient, or null (or a null name or e-mail address) for the hub's sample
     * @param fields    sample values of some or all of the template's fields (null for none), checked as an issued
     *                  certificate's are; the other fields show a sample value of their type
     * @throws io.certbridge.shared.problems.InvalidInput (422) naming {@code recipient.*} and {@code fields.*}
     *                                                    values a certificate could not carry
     */
    public byte[] pdf(Template template, Recipient recipient, Map<String, JsonNode> fields) {
        Recipient shown = new Recipient(
                recipient == null || recipient.name() == null ? SAMPLE_RECIPIENT.name() : recipient.name(),
                recipient == null || recipient.email() == null ? SAMPLE_RECIPIENT.email() : recipient.email());
        List<FieldError> errors = new ArrayList<>(FieldValues.checkRecipient(shown.name(), shown.email(), "recipient"));
        // a required field left out shows a sample value
        FieldValues.check(template, fields, "fields").stream()
                .filter(error -> !error.detail().startsWith("is required")).forEach(errors::add);
        if (!errors.isEmpty()) {
            throw BidiControls.problem(errors);
        }
        Instant now = clock.instant();
        Instant expires = template.expiresAt(now);
        String verificationUrl = certificates.verificationBaseUrl() + PREVIEW_CERTIFICATE_ID;
        CertificateDesign.Model model = new CertificateDesign.Model(
                shown.name(), template.name(), template.description(),
                template.criteria(), issuer.name(), CertificateDocuments.day(now), CertificateDocuments.day(expires),
                PREVIEW_CERTIFICATE_ID, verificationUrl, qr.pngDataUri(verificationUrl, 300),
                shown(template, fields == null ? Map.of() : fields));
        return pdf.renderPreview(design.render(template.design(), model));
    }

    private List<CertificateDesign.Field> shown(Template template, Map<String, JsonNode> given) {
        Map<String, String> values = new LinkedHashMap<>();
        for (TemplateField field : template.fields()) {
            JsonNode value = given.get(field.name());
            boolean missing = value == null || value.isNull() || value.isTextual() && value.asText().isBlank();
            values.put(field.name(), (missing ? sample(field) : value).asText());
        }
        return values.entrySet().stream().map(e -> new CertificateDesign.Field(e.getKey(), e.getValue())).toList();
    }

    private JsonNode sample(TemplateField field) {
        return switch (field.type()) {
            case string -> NODES.textNode("Sample " + field.name().replace('_', ' '));
            case number -> NODES.numberNode(42);
            case date -> NODES.textNode(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
        };
    }
}
