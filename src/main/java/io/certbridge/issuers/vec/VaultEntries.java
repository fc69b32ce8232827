package io.certbridge.issuers.vec;

import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.OutsideIssuance;
import io.certbridge.template.Template;
import io.certbridge.template.Templates;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What is sent to VEC.digital of each certificate: its template's name as the title, the recipient, the day it was
 * asked for (UTC) as the issue date, and its certbridge id in the details, for people to find it by.
 */
@Component
class VaultEntries {

    private final OutsideIssuance issuance;
    private final Templates templates;

    VaultEntries(OutsideIssuance issuance, Templates templates) {
        this.issuance = issuance;
        this.templates = templates;
    }

    /** By certificate id, in the order given. */
    Map<String, VaultEntry> of(Collection<Certificate> certificates) {
        Map<String, Template> byId = templates.findAll(certificates.stream().map(Certificate::templateId)
                .distinct().toList());
        Map<String, VaultEntry> entries = new LinkedHashMap<>();
        certificates.forEach(c -> entries.put(c.id(), entry(c, byId.get(c.templateId()))));
        return entries;
    }

    /** The certificates among these that are still pending at their issuer, in the order given. */
    Map<String, Certificate> pending(Collection<String> certificateIds) {
        Map<String, Certificate> found = new LinkedHashMap<>();
        issuance.certificates(certificateIds).stream().filter(c -> "pending".equals(c.status()))
                .forEach(c -> found.put(c.id(), c));
        Map<String, Certificate> pending = new LinkedHashMap<>();
        certificateIds.stream().filter(found::containsKey).forEach(id -> pending.put(id, found.get(id)));
        return pending;
    }

    private static VaultEntry entry(Certificate certificate, Template template) {
        return new VaultEntry(certificate.id(), template.name(), certificate.recipient().name(),
                certificate.recipient().email(), certificate.issuedAt().atZone(ZoneOffset.UTC).toLocalDate(),
                "Issued through certbridge, certificate " + certificate.id());
    }
}
