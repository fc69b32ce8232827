package io.certbridge.hashcertification;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.anchoring.HashAnchoring;
import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.shared.net.SsrfGuard;
import io.certbridge.shared.net.UnsafeUrlException;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.InvalidInput;
import io.certbridge.shared.problems.MalformedInput;
import io.certbridge.webhooks.WebhookSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts a hash certification: the report and its hashes are stored together, the hashes waiting for the next
 * window. Only live keys: windows seal what the hub's live key signs. A {@code webhook_url} passes the SSRF guard and
 * needs certbridge.webhooks.callback-secret to sign its callback.
 */
@Component
class HashCertifier {

    private final HashCertifications reports;
    private final HashAnchoring anchoring;
    private final SsrfGuard guard;
    private final WebhookSettings webhooks;
    private final ObjectMapper mapper;
    private final TransactionTemplate transaction;
    private final Clock clock;

    HashCertifier(HashCertifications reports, HashAnchoring anchoring, SsrfGuard guard, WebhookSettings webhooks,
                  ObjectMapper mapper, TransactionTemplate transaction, Clock clock) {
        this.reports = reports;
        this.anchoring = anchoring;
        this.guard = guard;
        this.webhooks = webhooks;
        this.mapper = mapper;
        this.transaction = transaction;
        this.clock = clock;
    }

    HashCertifications.Report certify(HashCertificationRequest request, ApiKeyPrincipal caller) {
        caller.requireLive("Hash certifications are sealed and anchored with the hub's live key");
        if (request.webhookUrl() != null) {
            checkCallback(request.webhookUrl());
        }
        Instant now = clock.instant();
        HashCertifications.Report report = new HashCertifications.Report(UUID.randomUUID().toString(),
                caller.keyId(), request.title(), request.metadata() == null ? null : request.metadata().toString(),
                request.webhookUrl(), request.pdfReport(), request.files().size(), files(request), "pending", now,
                null);
        transaction.executeWithoutResult(status -> {
            reports.insert(report);
            anchoring.submit(report.id(), request.files().stream().map(HashCertificationRequest.CertifiedFile::hash)
                    .toList(), now);
        });
        return report;
    }

    private void checkCallback(String url) {
        if (webhooks.callbackKey().isEmpty()) {
            throw new InvalidInput("callback_secret_not_configured", "This hub cannot sign callbacks: its operator "
                    + "has not set certbridge.webhooks.callback-secret; poll GET /v1/certifications/{report_id}",
                    "webhook_url");
        }
        try {
            guard.checkUrl(url);
        } catch (UnsafeUrlException e) {
            throw new MalformedInput("TS-002", "Validation error", "webhook_url: " + e.getMessage(),
                    List.of(new FieldError("webhook_url", e.getMessage())));
        }
    }

    private String files(HashCertificationRequest request) {
        var files = mapper.createArrayNode();
        request.files().forEach(file -> files.addObject().put("file_name", file.fileName())
                .put("hash", file.hashHex()));
        return files.toString();
    }
}
