package io.certbridge.trustedform;

import io.certbridge.api.Page;
import io.certbridge.api.QueryParameters;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.shared.problems.MalformedInput;
import io.certbridge.shared.problems.NotFound;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * /v1/trustedform: every certificate retain with each call made for it and its answer (TrustedForm keeps no logs for
 * its customers), whether retains are paused, and resuming them once the account is fixed.
 */
@RestController
@RequestMapping(produces = "application/json", path = "/v1/trustedform")
class TrustedFormController {

    private static final List<String> STATUSES = List.of("pending", "retained", "expired", "refused", "failed");

    /** Whether retains wait for the account to be fixed, since when and why. */
    record Status(String object, boolean paused, String reason, Instant pausedAt) {
    }

    private final Retains retains;
    private final TrustedFormPauses pauses;

    TrustedFormController(Retains retains, TrustedFormPauses pauses) {
        this.retains = retains;
        this.pauses = pauses;
    }

    @GetMapping("/retains")
    @RequiresScope(Scope.DELIVERIES_MANAGE)
    Page<RetainView> list(@RequestParam(required = false) String status,
                          @RequestParam(name = "lead_id", required = false) String leadId,
                          @RequestParam(required = false) String since,
                          @RequestParam(required = false) Integer limit,
                          @RequestParam(name = "starting_after", required = false) String startingAfter) {
        QueryParameters.oneOf(status, STATUSES, "status");
        int size = Page.checkedLimit(limit);
        return Page.of(retains.list(new Retains.Filter(status, leadId, instant(since)), size + 1, startingAfter), size,
                RetainView::id);
    }

    @GetMapping("/retains/{id}")
    @RequiresScope(Scope.DELIVERIES_MANAGE)
    RetainView get(@PathVariable String id) {
        return retains.find(id).orElseThrow(() -> new NotFound("trustedform_retain", id));
    }

    @GetMapping("/status")
    @RequiresScope(Scope.DELIVERIES_MANAGE)
    Status status() {
        return pauses.paused().map(p -> new Status("trustedform_status", true, p.reason(), p.pausedAt()))
                .orElse(new Status("trustedform_status", false, null, null));
    }

    /** Sends the paused retains again; answers the status after. */
    @PostMapping("/resume")
    @RequiresScope(Scope.DELIVERIES_MANAGE)
    Status resume() {
        pauses.resume();
        return status();
    }

    private static Instant instant(String since) {
        try {
            return since == null ? null : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new MalformedInput("invalid_parameter", "must be an ISO 8601 instant such as 2026-11-22T08:00:00Z",
                    "since");
        }
    }
}
