package io.certbridge.hashcertification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.anchoring.HashAnchoring;
import io.certbridge.delivery.DeliveryQueue;
import io.certbridge.delivery.PlannedDelivery;
import io.certbridge.webhooks.Callbacks;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Completes the hash certifications whose hashes are all anchored (see {@link HashAnchoring#settled}): their data
 * document is made and kept (the PDF report when first asked for: {@link CertificationFiles}), and a {@code certification.completed} callback, Standard Webhooks
 * envelope with the certification as GET shows it, is planned on the delivery engine for those that gave a
 * {@code webhook_url}. Reports are taken oldest first and locked, so that instances complete different ones.
 */
@Component("certificationCompletion")
public class CertificationCompletion {

    private static final Logger log = LoggerFactory.getLogger(CertificationCompletion.class);
    private static final int CHUNK = 20;

    private final HashCertifications reports;
    private final HashAnchoring anchoring;
    private final CertificationDocuments documents;
    private final SignedFileUrls urls;
    private final DeliveryQueue deliveries;
    private final ObjectMapper mapper;
    private final TransactionTemplate transaction;
    private final Clock clock;

    CertificationCompletion(HashCertifications reports, HashAnchoring anchoring, CertificationDocuments documents,
                            SignedFileUrls urls, DeliveryQueue deliveries, ObjectMapper mapper,
                            TransactionTemplate transaction, Clock clock) {
        this.reports = reports;
        this.anchoring = anchoring;
        this.documents = documents;
        this.urls = urls;
        this.deliveries = deliveries;
        this.mapper = mapper;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Completes every report that is due; returns how many. */
    public int completeDue() {
        int completed = 0;
        int step;
        do {
            step = transaction.execute(status -> step());
            completed += step;
        } while (step == CHUNK);
        return completed;
    }

    private int step() {
        List<HashCertifications.Report> pending = reports.lockPending(CHUNK);
        Set<String> settled = anchoring.settled(pending.stream().map(HashCertifications.Report::id).toList());
        List<PlannedDelivery> callbacks = new ArrayList<>();
        int completed = 0;
        for (HashCertifications.Report report : pending) {
            if (!settled.contains(report.id())) {
                continue;
            }
            Instant now = clock.instant();
            byte[] data = documents.data(report, anchoring.proofs(report.id()), now);
            reports.complete(report.id(), data, now);
            completed++;
            if (report.webhookUrl() != null) {
                callbacks.add(callback(report.completedAt(now), now));
            }
        }
        deliveries.plan(callbacks);
        if (completed > 0) {
            log.info("Completed {} hash certifications", completed);
        }
        return completed;
    }

    private PlannedDelivery callback(HashCertifications.Report report, Instant now) {
        ObjectNode envelope = mapper.createObjectNode();
        envelope.put("type", "certification.completed");
        envelope.put("timestamp", now.toString());
        envelope.set("data", mapper.valueToTree(CertificationView.of(report, urls)));
        return Callbacks.planned("certification/" + report.id(), report.webhookUrl(), "certification.completed",
                envelope.toString(), "completed/" + report.id());
    }
}
