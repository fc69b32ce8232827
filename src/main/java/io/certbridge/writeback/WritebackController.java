package io.certbridge.writeback;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.Page;
import io.certbridge.api.QueryParameters;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.delivery.DeliveryFilter;
import io.certbridge.delivery.DeliveryQueue;
import io.certbridge.delivery.DeliveryView;
import io.certbridge.issuance.WritebackType;
import io.certbridge.shared.Environment;
import io.certbridge.shared.problems.Conflict;
import io.certbridge.shared.problems.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * /v1/writebacks: where certificates were written back, and the dead letters to send again; the write-back
 * connectors' deliveries (those of the registered {@link WritebackType}s), as this API showed them before the
 * delivery engine (a delivered one is "done").
 */
@RestController
@RequestMapping(produces = "application/json", path = "/v1/writebacks")
class WritebackController {

    private static final List<String> STATUSES = List.of("pending", "sending", "done", "failed");

    public record View(String id, String object, String certificateId, String connector, Map<String, Object> target,
                       String status, int attempts, Instant nextAttemptAt, String writtenStatus, String lastError,
                       Instant createdAt, Instant updatedAt) {

        static View of(DeliveryView delivery) {
            return new View(delivery.id(), "writeback", delivery.certificateId(), delivery.connector(),
                    delivery.target(), "delivered".equals(delivery.status()) ? "done" : delivery.status(),
                    delivery.attempts(), delivery.nextAttemptAt(), delivery.deliveredState(), delivery.lastError(),
                    delivery.createdAt(), delivery.updatedAt());
        }
    }

    private final DeliveryQueue deliveries;
    private final Set<String> connectors;

    WritebackController(DeliveryQueue deliveries, List<WritebackType<?>> types) {
        this.deliveries = deliveries;
        this.connectors = types.stream().map(WritebackType::name).collect(Collectors.toUnmodifiableSet());
    }

    @GetMapping
    @RequiresScope(Scope.WRITEBACKS_MANAGE)
    Page<View> list(@RequestParam(required = false) String status,
                    @RequestParam(name = "certificate_id", required = false) String certificateId,
                    @RequestParam(required = false) Integer limit,
                    @RequestParam(name = "starting_after", required = false) String startingAfter,
                    HttpServletRequest request) {
        QueryParameters.oneOf(status, STATUSES, "status");
        int size = Page.checkedLimit(limit);
        DeliveryFilter filter = filter(ApiKeyPrincipal.of(request).environment(),
                "done".equals(status) ? "delivered" : status, certificateId);
        return Page.of(deliveries.list(filter, size + 1, startingAfter).stream().map(View::of).toList(), size,
                View::id);
    }

    @GetMapping("/{id}")
    @RequiresScope(Scope.WRITEBACKS_MANAGE)
    View get(@PathVariable String id, HttpServletRequest request) {
        return deliveries.find(id, filter(ApiKeyPrincipal.of(request).environment(), null, null)).map(View::of)
                .orElseThrow(() -> new NotFound("write-back", id));
    }

    /** Sends a failed write-back again. Only a failed one: a pending or done one would be sent twice. */
    @PostMapping("/{id}/retry")
    @RequiresScope(Scope.WRITEBACKS_MANAGE)
    ResponseEntity<View> retry(@PathVariable String id, HttpServletRequest request) {
        get(id, request);
        if (!deliveries.retry(id)) {
            throw new Conflict("writeback_not_failed", "Write-back " + id + " has not failed; only a failed "
                    + "write-back is sent again");
        }
        return ResponseEntity.accepted().body(get(id, request));
    }

    private DeliveryFilter filter(Environment environment, String status, String certificateId) {
        return new DeliveryFilter(environment, connectors, status, certificateId, null, null);
    }
}
