package io.certbridge.issuance;

import io.certbridge.config.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Issues a polled batch of certificate-requests records. The route commits the Kafka offsets only
 * after this returns, so nothing here may give a request up silently: a database outage is retried
 * with back-off until it passes (or the hub stops, and the poll is replayed after restart); a request
 * that fails for a reason of its own is isolated and recorded as failed, so it holds back no other.
 */
@Component
public class CertificateRequestConsumer {

    private static final Logger log = LoggerFactory.getLogger(CertificateRequestConsumer.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final CertificateIssuer issuer;
    private final Json json;

    CertificateRequestConsumer(CertificateIssuer issuer, Json json) {
        this.issuer = issuer;
        this.json = json;
    }

    public void issue(List<Exchange> records) throws InterruptedException {
        List<CertificateRequest> requests = new ArrayList<>(records.size());
        for (Exchange record : records) {
            try {
                requests.add(json.read(record.getMessage().getBody(String.class), CertificateRequest.class));
            } catch (RuntimeException e) {
                log.warn("Dropped an unreadable certificate request at offset {}: {}",
                        record.getMessage().getHeader(KafkaConstants.OFFSET), e.getMessage());
            }
        }
        issueWithRetry(requests);
    }

    private void issueWithRetry(List<CertificateRequest> requests) throws InterruptedException {
        try {
            retryingOutages(() -> issuer.issueAll(requests));
        } catch (RuntimeException e) {
            isolate(requests, e);
        }
    }

    private void isolate(List<CertificateRequest> requests, RuntimeException failure) throws InterruptedException {
        if (requests.size() > 1) {
            for (CertificateRequest request : requests) {
                issueWithRetry(List.of(request));
            }
            return;
        }
        CertificateRequest request = requests.getFirst();
        log.error("Certificate request {} cannot be issued", request.requestKey(), failure);
        try {
            retryingOutages(() -> issuer.reject(request, "issuance_failed", "The certificate could not be issued"));
        } catch (RuntimeException e) {
            log.error("Certificate request {} could not be recorded as failed either", request.requestKey(), e);
        }
    }

    /** Runs {@code work} until it passes, waiting out database outages with back-off; other failures are thrown. */
    private static void retryingOutages(Runnable work) throws InterruptedException {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                log.warn("The database is unavailable, retrying in {} ms: {}", backoff.toMillis(), e.getMessage());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private static boolean isTransient(RuntimeException e) {
        return e instanceof TransientDataAccessException || e instanceof RecoverableDataAccessException
                || e instanceof DataAccessResourceFailureException || e instanceof TransactionException;
    }
}
