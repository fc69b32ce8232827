package io.certbridge.issuance;

import io.certbridge.backbone.DatabaseOutages;
import io.certbridge.shared.Json;
import io.certbridge.backbone.KafkaRecords;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Issues a polled batch of certificate-requests records. The route commits the Kafka offsets only
 * after this returns, so nothing here may give a request up silently: a database outage is retried
 * with back-off until it passes (or the hub stops, and the poll is replayed after restart); a request
 * that fails for a reason of its own is isolated and recorded as failed, so it holds back no other.
 */
@Component
public class CertificateRequestConsumer {

    private static final Logger log = LoggerFactory.getLogger(CertificateRequestConsumer.class);

    private final CertificateIssuer issuer;
    private final Json json;

    CertificateRequestConsumer(CertificateIssuer issuer, Json json) {
        this.issuer = issuer;
        this.json = json;
    }

    public void issue(List<Exchange> records) throws InterruptedException {
        DatabaseOutages.retryIsolating(KafkaRecords.read(records, CertificateRequest.class, json), issuer::issueAll,
                this::reject);
    }

    private void reject(CertificateRequest request, RuntimeException failure) throws InterruptedException {
        log.error("Certificate request {} cannot be issued", request.requestKey(), failure);
        try {
            DatabaseOutages.retry(() -> issuer.reject(request, "issuance_failed", "The certificate could not be issued"));
        } catch (RuntimeException e) {
            log.error("Certificate request {} could not be recorded as failed either", request.requestKey(), e);
        }
    }
}
