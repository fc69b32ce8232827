package io.certbridge.issuance;

import io.certbridge.shared.Environment;
import io.certbridge.shared.Ids;
import io.certbridge.shared.Json;
import io.certbridge.backbone.CertificateEvents;
import io.certbridge.backbone.KafkaSettings;
import io.certbridge.backbone.Outbox;
import io.certbridge.issuance.BatchController.BatchRecipient;
import io.certbridge.issuance.BatchController.CreateBatch;
import io.certbridge.issuance.Certificate.Recipient;
import io.certbridge.template.Templates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts a batch: the batch row and one certificate request per recipient, all in one transaction.
 * The requests reach Kafka through the outbox and are issued by the certificate-issuance route, never
 * inside the HTTP request; each carries the key {@code <batch id>/<row>} so that it issues at most once.
 */
@Component
public class BatchSubmission {

    private final Batches batches;
    private final Outbox outbox;
    private final Json json;
    private final Clock clock;
    private final Templates templates;
    private final String topic;
    private final CertificateEvents events;

    /** A row travels as one Kafka message, which must stay well below Kafka's 1 MB limit. */
    private static final int MAX_ROW_CHARS = 2 * CertificateIssuer.MAX_FIELDS_BYTES;

    BatchSubmission(Batches batches, Outbox outbox, Json json, Clock clock, Templates templates,
                    KafkaSettings kafka, CertificateEvents events) {
        this.events = events;
        this.batches = batches;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.templates = templates;
        this.topic = kafka.topics().certificateRequests();
    }

    @Transactional
    public String submit(Environment environment, CreateBatch batch) {
        return submit(environment, batch, null);
    }

    /**
     * @param lines each recipient's line in the CSV file the batch was uploaded as, kept for its results; null when
     *              the batch is not from a file
     * @return the batch's id
     */
    @Transactional
    public String submit(Environment environment, CreateBatch batch, List<Integer> lines) {
        if (templates.find(batch.templateId()).isEmpty()) {
            throw new UnknownTemplate(batch.templateId());
        }
        String id = Ids.newId("batch");
        batches.create(id, environment, batch.templateId(), batch.recipients().size(), clock.instant());
        batches.recordRecipients(id, batch.recipients(), lines);
        List<Outbox.Message> requests = new ArrayList<>(batch.recipients().size());
        List<Batches.RowError> tooLarge = new ArrayList<>();
        for (int i = 0; i < batch.recipients().size(); i++) {
            BatchRecipient row = batch.recipients().get(i);
            CertificateRequest request = new CertificateRequest(id + "/" + i, environment.value(), batch.templateId(),
                    row == null ? null : new Recipient(row.name(), row.email()), row == null ? null : row.fields(),
                    row != null && row.expiresAt() != null ? row.expiresAt() : batch.expiresAt(), id, i, null,
                    List.of(), null, false);
            String message = json.write(request);
            if (message.length() > MAX_ROW_CHARS) {
                tooLarge.add(new Batches.RowError(id, i, "validation_failed",
                        "recipients[" + i + "] is larger than " + MAX_ROW_CHARS + " characters"));
            } else {
                requests.add(new Outbox.Message(topic, id, message));
            }
        }
        outbox.add(requests);
        batches.recordErrors(tooLarge);
        if (requests.isEmpty()) {
            batches.completeIfDone(id).ifPresent(done -> events.announce("batch.completed", id, done.summary()));
        }
        return id;
    }
}
