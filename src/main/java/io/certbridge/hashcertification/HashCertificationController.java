package io.certbridge.hashcertification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.ApiProblem;
import io.certbridge.api.Idempotency;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.shared.Sha256;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.MalformedInput;
import io.certbridge.shared.problems.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Hash certification on the hub's own anchoring, with TrueScreen's paths and shapes, so that a TrueScreen client
 * switches by base URL: {@code POST /v1/hash-certifications}, {@code GET /v1/certifications/{reportId}}, and the
 * presigned documents it links to. Errors carry TrueScreen's codes: TS-001, TS-002, TS-010.
 */
@RestController
class HashCertificationController {

    private final HashCertifier certifier;
    private final HashCertifications reports;
    private final SignedFileUrls urls;
    private final Idempotency idempotency;
    private final HashCheck check;
    private final CertificationFiles files;
    private final ObjectMapper mapper;

    HashCertificationController(HashCertifier certifier, HashCertifications reports, SignedFileUrls urls,
                                HashCheck check, CertificationFiles files, Idempotency idempotency,
                                ObjectMapper mapper) {
        this.check = check;
        this.files = files;
        this.certifier = certifier;
        this.reports = reports;
        this.urls = urls;
        this.idempotency = idempotency;
        this.mapper = mapper;
    }

    @PostMapping(path = "/v1/hash-certifications", consumes = "*/*", produces = "application/json")
    @RequiresScope(Scope.CERTIFICATES_WRITE)
    ResponseEntity<?> create(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        JsonNode json = json(body);
        HashCertificationRequest certification = HashCertificationRequest.read(json);
        ApiKeyPrincipal caller = ApiKeyPrincipal.of(request);
        return idempotency.run(request, json, () -> ResponseEntity.status(HttpStatus.CREATED)
                .body(CertificationView.Created.of(certifier.certify(certification, caller))));
    }

    @GetMapping(path = "/v1/certifications/{reportId}", produces = "application/json")
    @RequiresScope(Scope.CERTIFICATES_READ)
    CertificationView get(@PathVariable String reportId) {
        return CertificationView.of(find(reportId), urls);
    }

    /** A document of a completed certification, by the presigned URL its view gave: no API key. */
    @GetMapping("/v1/certifications/{reportId}/files/{type}")
    ResponseEntity<byte[]> file(@PathVariable String reportId, @PathVariable String type,
                                @RequestParam(required = false) Long expires,
                                @RequestParam(required = false) String signature) {
        if (expires == null || !urls.valid(reportId, type, expires, signature)) {
            throw new ApiProblem(403, "url_expired_or_invalid", "Forbidden", "This document link has expired or was "
                    + "not made by the hub; GET /v1/certifications/" + reportId + " gives fresh links");
        }
        byte[] document = files.file(reportId, type).orElseThrow(() -> notFound(reportId));
        return ResponseEntity.ok()
                .contentType(type.equals("report") ? MediaType.APPLICATION_PDF : MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"" + reportId
                        + (type.equals("report") ? ".pdf" : ".json") + "\"")
                .body(document);
    }

    /**
     * Whether a file is in the report, and anchored: {@code {"hash": "<SHA-256>"}} as JSON, or the file itself as
     * multipart {@code file}. No API key: whoever holds the file and the report id may check it.
     */
    @PostMapping(path = "/v1/certifications/{reportId}/verify", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = "application/json")
    HashCheck.Result verifyHash(@PathVariable String reportId, @RequestBody(required = false) byte[] body) {
        JsonNode hash = json(body).get("hash");
        if (hash == null || !hash.isTextual()) {
            throw new MalformedInput("TS-002", "Validation error", "hash: must have required property 'hash'",
                    List.of(new FieldError("hash", "must have required property 'hash'")));
        }
        return check.check(find(reportId), HashCheck.parse(hash.asText()));
    }

    @PostMapping(path = "/v1/certifications/{reportId}/verify", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = "application/json")
    HashCheck.Result verifyFile(@PathVariable String reportId, @RequestParam("file") MultipartFile file)
            throws IOException {
        try (InputStream content = file.getInputStream()) {
            return check.check(find(reportId), Sha256.of(content));
        }
    }

    private HashCertifications.Report find(String reportId) {
        return reports.find(reportId).orElseThrow(() -> notFound(reportId));
    }

    static NotFound notFound(String reportId) {
        return new NotFound("TS-010", "Not found", "Certification not found: " + reportId, List.of());
    }

    private JsonNode json(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedInput("TS-001", "Malformed payload.", null);
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new MalformedInput("TS-001", "Malformed payload.", null);
        }
    }
}
