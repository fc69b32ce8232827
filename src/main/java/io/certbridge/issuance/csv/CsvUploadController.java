package io.certbridge.issuance.csv;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.Idempotency;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.audit.ChangesNothing;
import io.certbridge.shared.Sha256;
import io.certbridge.shared.problems.ValidationFailed;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * CSV files in, batches out: {@code multipart/form-data} with {@code file}, {@code template_id}, and optionally
 * {@code mapping} (a JSON object, column name → name, email, expires_at or field:&lt;name&gt;) and
 * {@code skip_invalid}.
 */
@RestController
class CsvUploadController {

    private static final TypeReference<Map<String, String>> MAPPING = new TypeReference<>() {
    };

    private final CsvUploads uploads;
    private final Idempotency idempotency;
    private final ObjectMapper mapper;

    CsvUploadController(CsvUploads uploads, Idempotency idempotency, ObjectMapper mapper) {
        this.uploads = uploads;
        this.idempotency = idempotency;
        this.mapper = mapper;
    }

    @ChangesNothing
    @PostMapping(path = "/v1/batches/csv/preview", produces = "application/json")
    @RequiresScope(Scope.CERTIFICATES_WRITE)
    CsvUploads.Preview preview(@RequestParam(required = false) MultipartFile file,
                               @RequestParam(name = "template_id", required = false) String templateId,
                               @RequestParam(required = false) String mapping) throws IOException {
        return uploads.preview(templateId, content(file), mapping(mapping));
    }

    @PostMapping(path = "/v1/batches/csv", produces = "application/json")
    @RequiresScope(Scope.CERTIFICATES_WRITE)
    ResponseEntity<?> submit(@RequestParam(required = false) MultipartFile file,
                             @RequestParam(name = "template_id", required = false) String templateId,
                             @RequestParam(required = false) String mapping,
                             @RequestParam(name = "skip_invalid", defaultValue = "false") boolean skipInvalid,
                             HttpServletRequest request) throws IOException {
        byte[] content = content(file);
        Map<String, String> columns = mapping(mapping);
        Map<String, Object> fingerprint = new LinkedHashMap<>();
        fingerprint.put("template_id", templateId);
        fingerprint.put("mapping", columns);
        fingerprint.put("skip_invalid", skipInvalid);
        fingerprint.put("file_sha256", HexFormat.of().formatHex(Sha256.of(content)));
        ApiKeyPrincipal caller = ApiKeyPrincipal.of(request);
        return idempotency.run(request, fingerprint, () -> ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(uploads.submit(caller.environment(), templateId, content, columns, skipInvalid)));
    }

    private static byte[] content(MultipartFile file) throws IOException {
        if (file == null) {
            throw new ValidationFailed("file", "is required: the CSV file as a multipart/form-data part");
        }
        return file.getBytes();
    }

    private Map<String, String> mapping(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return mapper.readValue(json, MAPPING);
        } catch (IOException e) {
            throw new ValidationFailed("mapping", "must be a JSON object of column name to name, email, expires_at"
                    + " or field:<name>");
        }
    }
}
