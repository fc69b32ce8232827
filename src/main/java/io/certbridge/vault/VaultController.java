package io.certbridge.vault;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.ApiProblem;
import io.certbridge.api.Idempotency;
import io.certbridge.api.Page;
import io.certbridge.api.QueryParameters;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.shared.Environment;
import io.certbridge.shared.Sha256;
import io.certbridge.shared.problems.Conflict;
import io.certbridge.shared.problems.InvalidInput;
import io.certbridge.shared.problems.NotFound;
import io.certbridge.shared.problems.ValidationFailed;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The vault's API: a certificate with its file ({@code POST /v1/vault}), or files first ({@code POST /v1/vault/files})
 * and then a batch of entries naming them ({@code POST /v1/vault/batches}); the entries and batches as they are
 * processed; a failed entry retried.
 */
@RestController
@RequestMapping(path = "/v1/vault", produces = "application/json")
class VaultController {

    record CreateBatch(String templateId, List<VaultIntake.BatchEntry> entries) {
    }

    /** What an upload's Idempotency-Key stands for: its fields and its file, by SHA-256. */
    private record Upload(String templateId, VaultIntake.Fields fields, String fileSha256) {
    }

    private static final List<String> STATUSES = List.of(VaultEntry.PROCESSING, VaultEntry.APPROVED,
            VaultEntry.FAILED);

    private final VaultIntake intake;
    private final VaultFiles files;
    private final VaultRecords records;
    private final VaultBatches batches;
    private final Idempotency idempotency;
    private final long maxFileBytes;

    VaultController(VaultIntake intake, VaultFiles files, VaultRecords records, VaultBatches batches,
                    Idempotency idempotency, VaultSettings settings) {
        this.intake = intake;
        this.files = files;
        this.records = records;
        this.batches = batches;
        this.idempotency = idempotency;
        this.maxFileBytes = settings.maxFileBytes();
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @RequiresScope(Scope.CERTIFICATES_WRITE)
    ResponseEntity<?> deposit(@RequestParam(required = false) MultipartFile file,
                              @RequestParam(name = "template_id", required = false) String templateId,
                              @RequestParam(name = "recipient_name", required = false) String recipientName,
                              @RequestParam(name = "recipient_email", required = false) String recipientEmail,
                              @RequestParam(required = false) String title,
                              @RequestParam(name = "issue_date", required = false) String issueDate,
                              HttpServletRequest request) {
        byte[] content = read(file);
        DocumentKind kind = kind(content);
        VaultIntake.Fields fields = new VaultIntake.Fields(recipientName, recipientEmail, title, issueDate);
        Environment environment = ApiKeyPrincipal.of(request).environment();
        return idempotency.run(request, new Upload(templateId, fields, HexFormat.of().formatHex(Sha256.of(content))),
                () -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .body(intake.deposit(environment, templateId, fields, kind, content)));
    }

    @PostMapping(path = "/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @RequiresScope(Scope.CERTIFICATES_WRITE)
    ResponseEntity<?> upload(@RequestParam(required = false) MultipartFile file, HttpServletRequest request) {
        byte[] content = read(file);
        DocumentKind kind = kind(content);
        Environment environment = ApiKeyPrincipal.of(request).environment();
        return idempotency.run(request, Map.of("file_sha256", HexFormat.of().formatHex(Sha256.of(content))),
                () -> ResponseEntity.status(HttpStatus.CREATED).body(files.store(environment, kind, content)));
    }

    @PostMapping(path = "/batches", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.CERTIFICATES_WRITE)
    ResponseEntity<?> submit(@RequestBody CreateBatch body, HttpServletRequest request) {
        Environment environment = ApiKeyPrincipal.of(request).environment();
        return idempotency.run(request, body, () -> ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(intake.submit(environment, body.templateId(), body.entries())));
    }

    @GetMapping("/batches/{id}")
    @RequiresScope(Scope.CERTIFICATES_READ)
    VaultBatch batch(@PathVariable String id, HttpServletRequest request) {
        return batches.find(id, ApiKeyPrincipal.of(request).environment())
                .orElseThrow(() -> new NotFound("vault batch", id));
    }

    @GetMapping("/{id}")
    @RequiresScope(Scope.CERTIFICATES_READ)
    VaultEntry entry(@PathVariable String id, HttpServletRequest request) {
        return records.find(id, ApiKeyPrincipal.of(request).environment())
                .orElseThrow(() -> new NotFound("vault entry", id));
    }

    @GetMapping
    @RequiresScope(Scope.CERTIFICATES_READ)
    Page<VaultEntry> list(@RequestParam(required = false) String status,
                          @RequestParam(name = "batch_id", required = false) String batchId,
                          @RequestParam(name = "recipient_email", required = false) String recipientEmail,
                          @RequestParam(required = false) Integer limit,
                          @RequestParam(name = "starting_after", required = false) String startingAfter,
                          HttpServletRequest request) {
        QueryParameters.oneOf(status, STATUSES, "status");
        int size = Page.checkedLimit(limit);
        VaultRecords.Filter filter = new VaultRecords.Filter(ApiKeyPrincipal.of(request).environment(), status,
                batchId, recipientEmail);
        return Page.of(records.list(filter, size + 1, startingAfter), size, VaultEntry::id);
    }

    /** A failed entry is processed again from its start; any other is left as it is (409). */
    @PostMapping("/{id}/retry")
    @RequiresScope(Scope.CERTIFICATES_WRITE)
    ResponseEntity<VaultEntry> retry(@PathVariable String id, HttpServletRequest request) {
        Environment environment = ApiKeyPrincipal.of(request).environment();
        VaultEntry entry = records.find(id, environment).orElseThrow(() -> new NotFound("vault entry", id));
        if (!records.retry(id, environment)) {
            throw new Conflict("entry_not_failed", "Vault entry " + id + " is " + entry.status()
                    + "; only a failed entry is retried");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(records.find(id, environment).orElseThrow());
    }

    private byte[] read(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw new ValidationFailed("file", "is required: a PDF, PNG or JPEG file");
        }
        if (file.getSize() > maxFileBytes) {
            throw new ApiProblem(413, "file_too_large", "File too large", "The file has " + file.getSize()
                    + " bytes; the vault takes files of up to " + maxFileBytes + " bytes");
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's kind, from its first bytes, whatever its name or declared type say. */
    private static DocumentKind kind(byte[] content) {
        return DocumentKind.sniff(content)
                .orElseThrow(() -> new InvalidInput("unsupported_file", "is not a PDF, PNG or JPEG file: the vault "
                        + "tells a file's kind by its content, not by its name or declared type", "file"));
    }
}
