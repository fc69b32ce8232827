package io.certbridge.delivery;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.Page;
import io.certbridge.api.QueryParameters;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.shared.Environment;
import io.certbridge.shared.problems.Conflict;
import io.certbridge.shared.problems.InvalidInput;
import io.certbridge.shared.problems.MalformedInput;
import io.certbridge.shared.problems.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * /v1/deliveries: every call the hub makes to an outside system for a certificate event (write-backs, certificate
 * e-mails, customers' webhooks), with its attempts; a failed one (a dead letter) sent again by id, or every failed one
 * a filter takes.
 */
@RestController
@RequestMapping(produces = "application/json", path = "/v1/deliveries")
class DeliveryController {

    private static final List<String> STATUSES = List.of("pending", "sending", "delivered", "failed");

    /** Which failed deliveries to send again: of a connector, of a certificate, created since a moment. */
    record Replay(String connector, String certificateId, String since) {
    }

    record Replayed(String object, int deliveries) {
    }

    private final DeliveryQueue deliveries;
    private final Connectors connectors;

    DeliveryController(DeliveryQueue deliveries, Connectors connectors) {
        this.deliveries = deliveries;
        this.connectors = connectors;
    }

    @GetMapping
    @RequiresScope(Scope.DELIVERIES_MANAGE)
    Page<DeliveryView> list(@RequestParam(required = false) String connector,
                            @RequestParam(required = false) String status,
                            @RequestParam(name = "certificate_id", required = false) String certificateId,
                            @RequestParam(required = false) Integer limit,
                            @RequestParam(name = "starting_after", required = false) String startingAfter,
                            HttpServletRequest request) {
        QueryParameters.oneOf(status, STATUSES, "status");
        int size = Page.checkedLimit(limit);
        DeliveryFilter filter = new DeliveryFilter(environment(request), connector(connector, "connector"), status,
                certificateId, null, null);
        return Page.of(deliveries.list(filter, size + 1, startingAfter), size, DeliveryView::id);
    }

    @GetMapping("/{id}")
    @RequiresScope(Scope.DELIVERIES_MANAGE)
    DeliveryView get(@PathVariable String id, HttpServletRequest request) {
        return deliveries.find(id, new DeliveryFilter(environment(request), null, null, null, null, null))
                .orElseThrow(() -> new NotFound("delivery", id));
    }

    /** Sends a failed delivery again from its first attempt. Only a failed one: another would be sent twice. */
    @PostMapping("/{id}/retry")
    @RequiresScope(Scope.DELIVERIES_MANAGE)
    ResponseEntity<DeliveryView> retry(@PathVariable String id, HttpServletRequest request) {
        get(id, request);
        if (!deliveries.retry(id)) {
            throw new Conflict("delivery_not_failed", "Delivery " + id + " has not failed; only a failed "
                    + "delivery is sent again");
        }
        return ResponseEntity.accepted().body(get(id, request));
    }

    @PostMapping("/replay")
    @RequiresScope(Scope.DELIVERIES_MANAGE)
    Replayed replay(@RequestBody Replay body, HttpServletRequest request) {
        Instant since = null;
        if (body.since() != null) {
            try {
                since = Instant.parse(body.since());
            } catch (DateTimeParseException e) {
                throw new InvalidInput("invalid_timestamp", "must be an ISO 8601 instant such as "
                        + "2026-11-22T08:00:00Z", "since");
            }
        }
        return new Replayed("delivery_replay", deliveries.replay(new DeliveryFilter(environment(request),
                connector(body.connector(), "connector"), null, body.certificateId(), null, since)));
    }

    private Set<String> connector(String name, String field) {
        if (name == null) {
            return null;
        }
        if (connectors.find(name).isEmpty()) {
            throw new MalformedInput("invalid_parameter", "is not a connector of this hub", field);
        }
        return Set.of(name);
    }

    private static Environment environment(HttpServletRequest request) {
        return ApiKeyPrincipal.of(request).environment();
    }
}
