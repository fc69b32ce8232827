package io.certbridge.issuance;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.shared.problems.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class BatchResultsController {

    private final BatchResults results;

    BatchResultsController(BatchResults results) {
        this.results = results;
    }

    @GetMapping(path = "/v1/batches/{id}/results.csv", produces = "text/csv;charset=UTF-8")
    @RequiresScope(Scope.CERTIFICATES_READ)
    ResponseEntity<String> results(@PathVariable String id, HttpServletRequest request) {
        String csv = results.csv(id, ApiKeyPrincipal.of(request).environment())
                .orElseThrow(() -> new NotFound("batch", id));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(id + "-results.csv").build().toString())
                .body(csv);
    }
}
