package io.certbridge.issuers.swanshare;

import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.OutsideIssuance;
import io.certbridge.template.Template;
import io.certbridge.template.Templates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The body of {@code POST /v1/credentials} for certificates: {@code items} in the order given, each the recipient,
 * the template's name as {@code title}, the expiry, and the certificate's fields with its id as
 * {@code fields.certbridge_id}, which SwanShare returns as sent and by which a credential is known again when only a
 * webhook tells of it.
 */
@Component
class CredentialItems {

    /** The field of a credential that names the certificate it is. */
    static final String CERTIFICATE_ID = "certbridge_id";

    private final OutsideIssuance issuance;
    private final Templates templates;

    CredentialItems(OutsideIssuance issuance, Templates templates) {
        this.issuance = issuance;
        this.templates = templates;
    }

    Map<String, Object> body(List<String> certificateIds) {
        Map<String, Certificate> certificates = issuance.certificates(certificateIds).stream()
                .collect(Collectors.toMap(Certificate::id, Function.identity()));
        Map<String, Template> byId = templates.findAll(certificates.values().stream().map(Certificate::templateId)
                .distinct().toList());
        List<Map<String, Object>> items = certificateIds.stream().map(id -> {
            Certificate certificate = certificates.get(id);
            if (certificate == null || !byId.containsKey(certificate.templateId())) {
                throw new IllegalStateException("Certificate " + id + " or its template is gone");
            }
            return item(certificate, byId.get(certificate.templateId()));
        }).toList();
        return Map.of("items", items);
    }

    private static Map<String, Object> item(Certificate certificate, Template template) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("recipient_name", certificate.recipient().name());
        if (certificate.recipient().email() != null) {
            item.put("recipient_email", certificate.recipient().email());
        }
        item.put("title", template.name());
        if (certificate.expiresAt() != null) {
            item.put("expires_at", certificate.expiresAt().toString());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        if (certificate.fields() != null) {
            fields.putAll(certificate.fields());
        }
        fields.put(CERTIFICATE_ID, certificate.id());
        item.put("fields", fields);
        return item;
    }
}
