package io.certbridge.vault;

import io.certbridge.backbone.CertificateEvents;
import io.certbridge.document.VerifiedDocuments;
import io.certbridge.issuance.CertificateIssuer;
import io.certbridge.issuance.Certificates;
import io.certbridge.issuance.DocumentCertificate;
import io.certbridge.shared.Sha256;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works through the vault's entries (routes/vault-processing): claims those processing with a lease, makes each one's
 * stamped copy, then issues its certificate, stores the copy as the certificate's PDF and approves the entry, all in
 * one transaction. A hub that dies anywhere in between has stored nothing of the entry, whose lease then runs out and
 * lets any instance start it again; and since the entry's certificate id and request key were fixed when it was
 * accepted, no entry ever has two certificates. A file that cannot be stamped fails its entry with the reason.
 * Either outcome is announced with the entry's status ({@code vault_entry.approved}, {@code vault_entry.failed}).
 */
@Component
public class VaultProcessing {

    private static final Logger log = LoggerFactory.getLogger(VaultProcessing.class);
    private static final String APPROVED = "vault_entry.approved";
    private static final String FAILED = "vault_entry.failed";

    private final VaultRecords records;
    private final VaultFiles files;
    private final StampedCopies stamps;
    private final CertificateIssuer issuer;
    private final VerifiedDocuments documents;
    private final CertificateEvents events;
    private final TransactionTemplate tx;
    private final VaultSettings settings;
    private final Clock clock;
    private final String verificationBaseUrl;
    private final ExecutorService workers;

    VaultProcessing(VaultRecords records, VaultFiles files, StampedCopies stamps, CertificateIssuer issuer,
                    VerifiedDocuments documents, CertificateEvents events, Certificates certificates,
                    TransactionTemplate tx, VaultSettings settings, Clock clock) {
        this.events = events;
        this.records = records;
        this.files = files;
        this.stamps = stamps;
        this.issuer = issuer;
        this.documents = documents;
        this.tx = tx;
        this.settings = settings;
        this.clock = clock;
        this.verificationBaseUrl = certificates.verificationBaseUrl();
        this.workers = Executors.newFixedThreadPool(settings.workers(),
                Thread.ofPlatform().name("vault-", 0).daemon().factory());
    }

    /** Processes the entries due until none is left; returns how many were taken. */
    public int processDue() throws InterruptedException {
        tx.executeWithoutResult(status -> {
            List<String> exhausted = records.failExhausted(settings.maxAttempts());
            if (!exhausted.isEmpty()) {
                log.warn("Vault entries {} failed: their processing did not finish in {} attempts", exhausted,
                        settings.maxAttempts());
                exhausted.forEach(id -> announce(FAILED, id));
            }
        });
        int taken = 0;
        List<VaultRecords.Claimed> claimed;
        while (!(claimed = records.claim(settings.claimSize(), settings.lease())).isEmpty()) {
            taken += claimed.size();
            List<Callable<Void>> tasks = claimed.stream().<Callable<Void>>map(entry -> () -> {
                process(entry);
                return null;
            }).toList();
            for (Future<Void> done : workers.invokeAll(tasks)) {
                try {
                    done.get();
                } catch (ExecutionException e) {
                    // its lease runs out, and it is taken again
                    log.warn("A vault entry's processing stopped short: {}", e.getCause().toString());
                }
            }
        }
        return taken;
    }

    /** Forgets the uploaded files no entry took within certbridge.vault.unused-file-retention. */
    public void forgetUnusedFiles() {
        int forgotten = files.deleteUnused(settings.unusedFileRetention());
        if (forgotten > 0) {
            log.info("Forgot {} vault files no entry used", forgotten);
        }
    }

    private void process(VaultRecords.Claimed entry) {
        byte[] file = files.content(entry.fileId()).orElseThrow();
        byte[] stamped;
        try {
            if (!HexFormat.of().formatHex(Sha256.of(file)).equals(entry.sha256())) {
                throw new UnreadableDocument("the stored file no longer has the SHA-256 it was uploaded with, "
                        + entry.sha256() + "; restore it and retry");
            }
            stamped = stamps.stamp(entry.kind(), file, verificationBaseUrl + entry.certificateId(), entry.sha256());
        } catch (UnreadableDocument e) {
            fail(entry, e.getMessage());
            return;
        } catch (RuntimeException e) {
            // PDFBox's way with a broken file, as often as not
            fail(entry, "the file cannot be processed: " + e);
            return;
        }
        tx.executeWithoutResult(status -> {
            // an entry failed meanwhile (its claims ran out) stays as it is, with nothing of this attempt
            if (!records.approve(entry.id())) {
                return;
            }
            issuer.issueForDocument(new DocumentCertificate(entry.certificateId(), "vault/" + entry.id(),
                    entry.environment(), entry.templateId(), entry.recipient(), entry.title(), entry.issueDate(),
                    entry.sha256(), entry.kind().mediaType(), entry.size()));
            documents.store(entry.certificateId(), DocumentKind.PDF.mediaType(), stamped, clock.instant());
            announce(APPROVED, entry.id());
        });
    }

    private void fail(VaultRecords.Claimed entry, String reason) {
        log.info("Vault entry {} failed: {}", entry.id(), reason);
        tx.executeWithoutResult(status -> {
            if (records.fail(entry.id(), reason)) {
                announce(FAILED, entry.id());
            }
        });
    }

    /** vault_entry.approved or .failed, with the entry as the API shows it, for customers' webhooks. */
    private void announce(String type, String entryId) {
        events.announce(type, entryId, records.find(entryId).orElseThrow());
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
