package io.certbridge.issuance;

import io.certbridge.shared.Environment;
import io.certbridge.shared.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.certbridge.shared.Json;
import io.certbridge.credential.CredentialClaims;
import io.certbridge.credential.OpenBadgeCredentials;
import io.certbridge.credential.StatusIndexes;
import io.certbridge.backbone.CertificateEvents;
import io.certbridge.backbone.Outbox;
import io.certbridge.template.IssuerCatalog;
import io.certbridge.issuance.Certificate.Recipient;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.ValidationFailed;
import io.certbridge.template.BidiControls;
import io.certbridge.template.FieldValues;
import io.certbridge.template.Template;
import io.certbridge.template.Templates;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns certificate requests into stored certificates and announces them. The API issues one request
 * at a time and answers with the certificate; requests from Kafka (batch rows, later integration
 * events) are issued many to a transaction.
 */
@Component
public class CertificateIssuer {

    private static final Logger log = LoggerFactory.getLogger(CertificateIssuer.class);

    private static final String ISSUED = "certificate.issued";
    /** A certificate asked of its outside issuer; the fan-out sends the request there. */
    private static final String REQUESTED = "certificate.requested";
    private static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");
    /** Keeps every certificate, and so every event about it, far below Kafka's 1 MB message limit. */
    static final int MAX_FIELDS_BYTES = 64 * 1024;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final Templates templates;
    private final Certificates certificates;
    private final Batches batches;
    private final CertificateEvents events;
    private final OpenBadgeCredentials credentials;
    private final StatusIndexes statusIndexes;
    private final IssuerCatalog issuers;
    private final Renewals renewals;
    private final Clock clock;
    private final Json json;

    CertificateIssuer(Templates templates, Certificates certificates, Batches batches, CertificateEvents events,
                      OpenBadgeCredentials credentials, StatusIndexes statusIndexes, IssuerCatalog issuers,
                      Renewals renewals, Clock clock, Json json) {
        this.templates = templates;
        this.certificates = certificates;
        this.batches = batches;
        this.events = events;
        this.credentials = credentials;
        this.statusIndexes = statusIndexes;
        this.issuers = issuers;
        this.renewals = renewals;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Issues one certificate for an API caller, or throws the problem that prevents it. The certificate
     * and its announcement are one statement, so this needs no transaction of its own, and joins the
     * caller's when there is one (an Idempotency-Key).
     */
    public Certificate issue(CertificateRequest request) {
        if (request.templateId() == null) {
            throw new ValidationFailed("template_id", "is required");
        }
        Template template = templates.find(request.templateId())
                .orElseThrow(() -> new UnknownTemplate(request.templateId()));
        Instant now = now();
        List<FieldError> errors = problems(template, request, "recipient", "fields", now);
        if (!errors.isEmpty()) {
            throw BidiControls.problem(errors);
        }
        NewCertificate certificate = prepare(template, request, now,
                template.issuer() == null ? statusIndexes.next() : null, null);
        certificates.insertAll(List.of(certificate), announcements(List.of(certificate)));
        return certificate.view(certificates.verificationBaseUrl());
    }

    /**
     * Issues the certificate of a document (see {@link DocumentCertificate}) unless its request key issued one
     * before. It is valid from the document's issue date (or now, when that is still ahead somewhere on Earth), for
     * the template's valid_for_days from then; its template gives the description and criteria, its title the
     * achievement's name. Call it in a transaction.
     */
    public void issueForDocument(DocumentCertificate document) {
        Template template = templates.find(document.templateId())
                .orElseThrow(() -> new UnknownTemplate(document.templateId()));
        Instant now = now();
        Instant validFrom = document.issueDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        validFrom = validFrom.isAfter(now) ? now : validFrom;
        Instant expiresAt = template.expiresAt(validFrom);
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        fields.put("title", TextNode.valueOf(document.title()));
        fields.put("issue_date", TextNode.valueOf(document.issueDate().toString()));
        long statusIndex = statusIndexes.next();
        String credential = credentials.issue(new CredentialClaims(document.environment() == Environment.TEST,
                document.certificateId(), template.id(), document.title(), template.description(),
                template.criteria(), document.recipient().name(), document.recipient().email(), json.write(fields),
                validFrom, expiresAt, statusIndex, List.of(new CredentialClaims.SourceEvidence(
                        "Original certificate document (" + document.mediaType() + ")",
                        "The document " + document.title() + " of " + document.issueDate() + " as its issuer keeps it; "
                                + "digestSRI is the SHA-256 of that file (" + document.size() + " bytes).",
                        document.sha256())), null));
        NewCertificate certificate = new NewCertificate(document.certificateId(), document.environment(),
                template.id(), document.recipient(), fields, now, expiresAt, null, null, document.requestKey(),
                statusIndex, credential, List.of(), null, null, null);
        certificates.insertAll(List.of(certificate), announcements(List.of(certificate)));
    }

    /**
     * Issues requests that came through Kafka, all in one transaction. A request that was issued
     * before issues nothing; an invalid one is recorded against its batch; a renewing one is issued after the others,
     * one at a time (see {@link #renew}).
     */
    @Transactional
    public void issueAll(List<CertificateRequest> received) {
        Set<String> issuedBefore = certificates.takenRequestKeys(received.stream()
                .map(CertificateRequest::requestKey).filter(key -> key != null).toList());
        List<CertificateRequest> requests = received.stream()
                .filter(r -> r.requestKey() == null || !issuedBefore.contains(r.requestKey())).toList();
        Instant now = now();
        Map<String, Template> byId = templates.findAll(requests.stream().map(CertificateRequest::templateId)
                .filter(id -> id != null).collect(Collectors.toSet()));
        List<Map.Entry<CertificateRequest, Template>> valid = new ArrayList<>();
        List<Batches.RowError> rowErrors = new ArrayList<>();
        Set<String> batchIds = new LinkedHashSet<>();
        for (CertificateRequest request : requests) {
            Template template = byId.get(request.templateId());
            String rowPath = request.batchIndex() == null ? "request" : "recipients[" + request.batchIndex() + "]";
            List<FieldError> errors = template == null
                    ? List.of(new FieldError("template_id", "is not a known template"))
                    : problems(template, request, rowPath, rowPath + ".fields", now);
            if (request.batchId() != null) {
                batchIds.add(request.batchId());
            }
            if (errors.isEmpty()) {
                valid.add(Map.entry(request, template));
            } else if (request.batchId() != null) {
                rowErrors.add(new Batches.RowError(request.batchId(), request.batchIndex(), BidiControls.code(errors),
                        errors.stream().map(e -> e.field() + " " + e.detail()).collect(Collectors.joining("; "))));
            } else {
                log.warn("Certificate request {} rejected: {}", request.requestKey(), errors);
            }
        }
        Map<Boolean, List<Map.Entry<CertificateRequest, Template>>> renewing = valid.stream().collect(
                Collectors.partitioningBy(v -> v.getKey().renews() && v.getValue().issuer() == null));
        List<Map.Entry<CertificateRequest, Template>> plain = renewing.get(false);
        // status positions come from the database, so they are taken here, on the transaction's connection;
        // signing is the CPU-heavy part of issuing, so a batch then uses every core for it
        List<Long> positions = plain.stream()
                .map(v -> v.getValue().issuer() == null ? statusIndexes.next() : null).toList();
        List<NewCertificate> prepared = IntStream.range(0, plain.size()).parallel()
                .mapToObj(i -> prepare(plain.get(i).getValue(), plain.get(i).getKey(), now, positions.get(i), null))
                .toList();
        certificates.insertAll(prepared, announcements(prepared));
        renew(renewing.get(true), now);
        batches.recordErrors(rowErrors);
        batchIds.forEach(this::announceIfComplete);
    }

    /**
     * Issues each renewing request, in the order received, with the recipient's live certificate from its template
     * locked: each replaces the certificate found and supersedes it, so that a second completion in the same batch
     * replaces the first's certificate, and another hub renewing the same recipient waits for this transaction.
     */
    private void renew(List<Map.Entry<CertificateRequest, Template>> renewing, Instant now) {
        renewals.lockRecipients(renewing.stream().map(Map.Entry::getKey).toList());
        for (Map.Entry<CertificateRequest, Template> request : renewing) {
            String replaced = renewals.lockReplaced(request.getKey()).orElse(null);
            NewCertificate certificate = prepare(request.getValue(), request.getKey(), now, statusIndexes.next(),
                    replaced);
            certificates.insertAll(List.of(certificate), announcements(List.of(certificate)));
            if (replaced != null) {
                renewals.supersede(replaced, certificate.id(), certificate.environment());
            }
        }
    }

    /** certificate.issued for the hub's own certificates, certificate.requested for those an outside service issues. */
    private List<Outbox.Message> announcements(List<NewCertificate> prepared) {
        Map<String, Certificate> issued = new LinkedHashMap<>();
        Map<String, Certificate> requested = new LinkedHashMap<>();
        prepared.forEach(c -> (c.issuer() == null ? issued : requested)
                .put(c.id(), c.view(certificates.verificationBaseUrl())));
        List<Outbox.Message> messages = new ArrayList<>(events.messages(ISSUED, issued));
        messages.addAll(events.messages(REQUESTED, requested));
        return messages;
    }

    /** Records a request that cannot be issued against its batch, so that the batch still finishes. */
    @Transactional
    public void reject(CertificateRequest request, String code, String detail) {
        if (request.batchId() == null) {
            return;
        }
        batches.recordErrors(List.of(new Batches.RowError(request.batchId(), request.batchIndex(), code, detail)));
        announceIfComplete(request.batchId());
    }

    private void announceIfComplete(String batchId) {
        batches.completeIfDone(batchId).ifPresent(batch -> events.announce("batch.completed", batchId, batch.summary()));
    }

    private List<FieldError> problems(Template template, CertificateRequest request, String recipientPath,
                                      String fieldsPath, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (request.recipient() == null) {
            errors.add(new FieldError(recipientPath, "is required"));
        } else {
            errors.addAll(FieldValues.checkRecipient(request.recipient().name(), request.recipient().email(),
                    recipientPath));
        }
        errors.addAll(FieldValues.check(template, request.fields(), fieldsPath));
        if (template.issuer() != null && issuers.type(template.issuer()).isEmpty()) {
            errors.add(new FieldError("template_id", "issues through " + template.issuer()
                    + ", which is no longer configured (certbridge.issuers." + template.issuer() + ")"));
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            errors.add(new FieldError("expires_at", "must be in the future"));
        } else if (request.expiresAt() != null && request.expiresAt().isAfter(LATEST_EXPIRY)) {
            errors.add(new FieldError("expires_at", "must be before the year 10000"));
        }
        if (request.fields() != null && json.writeBytes(request.fields()).length > MAX_FIELDS_BYTES) {
            errors.add(new FieldError(fieldsPath, "take more than " + MAX_FIELDS_BYTES + " bytes"));
        }
        return errors;
    }

    private NewCertificate prepare(Template template, CertificateRequest request, Instant now, Long statusIndex,
                                   String replaces) {
        Instant expiresAt = request.expiresAt() != null ? request.expiresAt().truncatedTo(ChronoUnit.MICROS)
                : template.expiresAt(now);
        String id = Ids.newId("cert");
        Map<String, JsonNode> fields = request.fields() == null ? Map.of() : request.fields();
        Environment environment = Environment.of(request.environment());
        List<WritebackTarget> writebacks = request.writebacks() == null ? List.of() : request.writebacks();
        if (template.issuer() != null) {
            String type = issuers.type(template.issuer()).orElseThrow();
            return new NewCertificate(id, environment, template.id(), request.recipient(), fields, now, expiresAt,
                    request.batchId(), request.batchIndex(), request.requestKey(), null, null, writebacks,
                    new Certificate.Issuer(template.issuer(), type, null, null, issuers.forwardsStatusChanges(type)),
                    request.learnerKey(), null);
        }
        String credential = credential(template, id, environment, request.recipient(), fields, now, expiresAt,
                statusIndex, evidence(request.source()), replaces);
        return new NewCertificate(id, environment, template.id(), request.recipient(),
                fields, now, expiresAt, request.batchId(), request.batchIndex(), request.requestKey(), statusIndex,
                credential, writebacks, null, request.learnerKey(), replaces);
    }

    /** The signed credential of a certificate; a sandbox certificate's has the sandbox issuer. */
    String credential(Template template, String id, Environment environment, Recipient recipient,
                      Map<String, JsonNode> fields, Instant issuedAt, Instant expiresAt, long statusIndex,
                      List<CredentialClaims.SourceEvidence> evidence, String replaces) {
        return credentials.issue(new CredentialClaims(environment == Environment.TEST, id, template.id(),
                template.name(), template.description(), template.criteria(), recipient.name(), recipient.email(),
                json.write(fields), issuedAt, expiresAt, statusIndex, evidence,
                replaces == null ? null : credentials.credentialUrl(replaces)));
    }

    private static List<CredentialClaims.SourceEvidence> evidence(CertificateRequest.SourceEvent source) {
        if (source == null || source.system() == null || source.type() == null || source.id() == null
                || source.sha256() == null || !SHA256_HEX.matcher(source.sha256()).matches()) {
            return List.of();
        }
        return List.of(new CredentialClaims.SourceEvidence(source.system() + " " + source.type() + " event",
                "The " + source.system() + " event " + source.id() + " that this certificate was issued on; "
                        + "digestSRI is the SHA-256 of the event as the hub recorded it.",
                source.sha256().toLowerCase(Locale.ROOT)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
