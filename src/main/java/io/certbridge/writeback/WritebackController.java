package io.certbridge.writeback;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.ApiProblem;
import io.certbridge.api.Page;
import io.certbridge.api.QueryParameters;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** /v1/writebacks: where certificates were written back, and the dead letters to send again. */
@RestController
@RequestMapping(produces = "application/json", path = "/v1/writebacks")
class WritebackController {

    private static final List<String> STATUSES = List.of("pending", "sending", "done", "failed");

    private final Writebacks writebacks;

    WritebackController(Writebacks writebacks) {
        this.writebacks = writebacks;
    }

    @GetMapping
    @RequiresScope(Scope.WRITEBACKS_MANAGE)
    Page<Writebacks.View> list(@RequestParam(required = false) String status,
                               @RequestParam(name = "certificate_id", required = false) String certificateId,
                               @RequestParam(required = false) Integer limit,
                               @RequestParam(name = "starting_after", required = false) String startingAfter,
                               HttpServletRequest request) {
        QueryParameters.oneOf(status, STATUSES, "status");
        int size = Page.checkedLimit(limit);
        var filter = new Writebacks.Filter(ApiKeyPrincipal.of(request).environment(), status, certificateId);
        return Page.of(writebacks.list(filter, size + 1, startingAfter), size, Writebacks.View::id);
    }

    @GetMapping("/{id}")
    @RequiresScope(Scope.WRITEBACKS_MANAGE)
    Writebacks.View get(@PathVariable String id, HttpServletRequest request) {
        return writebacks.find(id, ApiKeyPrincipal.of(request).environment())
                .orElseThrow(() -> ApiProblem.notFound("write-back", id));
    }

    /** Sends a failed write-back again. Only a failed one: a pending or done one would be sent twice. */
    @PostMapping("/{id}/retry")
    @RequiresScope(Scope.WRITEBACKS_MANAGE)
    ResponseEntity<Writebacks.View> retry(@PathVariable String id, HttpServletRequest request) {
        get(id, request);
        if (!writebacks.retry(id)) {
            throw ApiProblem.conflict("writeback_not_failed", "Write-back " + id + " has not failed; only a failed "
                    + "write-back is sent again");
        }
        return ResponseEntity.accepted().body(get(id, request));
    }
}
