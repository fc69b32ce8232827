package io.certbridge.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.ApiSettings;
import io.certbridge.api.Idempotency;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.issuance.Batches.Batch;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.InvalidInput;
import io.certbridge.shared.problems.NotFound;
import io.certbridge.shared.problems.ValidationFailed;
import io.certbridge.template.BidiControls;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(produces = "application/json")
public class BatchController {

    public record CreateBatch(String templateId, List<BatchRecipient> recipients, Instant expiresAt) {
    }

    /** One recipient; {@code expiresAt}, when given, replaces the batch's for this certificate. */
    public record BatchRecipient(String name, String email, Map<String, JsonNode> fields, Instant expiresAt) {

        public BatchRecipient(String name, String email, Map<String, JsonNode> fields) {
            this(name, email, fields, null);
        }
    }

    record Accepted(String id, String object, boolean livemode, String status, String templateId, int total) {
    }

    private final BatchSubmission submission;
    private final Batches batches;
    private final Idempotency idempotency;
    private final int maxRecipients;

    BatchController(BatchSubmission submission, Batches batches, Idempotency idempotency,
                    ApiSettings settings) {
        this.submission = submission;
        this.batches = batches;
        this.idempotency = idempotency;
        this.maxRecipients = settings.maxBatchRecipients();
    }

    @PostMapping("/v1/certificates/batch")
    @RequiresScope(Scope.CERTIFICATES_WRITE)
    ResponseEntity<?> create(@RequestBody CreateBatch body, HttpServletRequest request) {
        if (body.templateId() == null) {
            throw new ValidationFailed("template_id", "is required");
        }
        if (body.recipients() == null || body.recipients().isEmpty()) {
            throw new ValidationFailed("recipients", "must hold at least one recipient");
        }
        if (body.recipients().size() > maxRecipients) {
            throw new InvalidInput("too_many_recipients", "Too many recipients",
                    "A batch holds at most " + maxRecipients + " recipients; this one has " + body.recipients().size(),
                    List.of(new FieldError("recipients", "holds more than " + maxRecipients + " recipients")));
        }
        List<FieldError> bidiControls = bidiControls(body.recipients());
        if (!bidiControls.isEmpty()) {
            throw BidiControls.problem(bidiControls);
        }
        ApiKeyPrincipal caller = ApiKeyPrincipal.of(request);
        return idempotency.run(request, body, () -> {
            String id = submission.submit(caller.environment(), body);
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(id, "batch", caller.livemode(),
                    "processing", body.templateId(), body.recipients().size()));
        });
    }

    /**
     * Other invalid rows fail alone once the batch is processed, but text that would show other than it was
     * signed refuses the whole batch, so that no part of it is issued before the source is cleaned.
     */
    private static List<FieldError> bidiControls(List<BatchRecipient> recipients) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            BatchRecipient row = recipients.get(i);
            String path = "recipients[" + i + "]";
            if (row != null && BidiControls.in(row.name())) {
                errors.add(BidiControls.error(path + ".name"));
            }
            errors.addAll(BidiControls.inFields(row == null ? null : row.fields(), path + ".fields"));
        }
        return errors;
    }

    @GetMapping("/v1/batches/{id}")
    @RequiresScope(Scope.CERTIFICATES_READ)
    Batch get(@PathVariable String id, HttpServletRequest request) {
        return batches.find(id, ApiKeyPrincipal.of(request).environment())
                .orElseThrow(() -> new NotFound("batch", id));
    }
}
