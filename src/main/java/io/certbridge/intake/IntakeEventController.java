package io.certbridge.intake;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.Page;
import io.certbridge.api.QueryParameters;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.shared.problems.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * /v1/intake-events: what the learning platforms sent and what each event led to, for example the
 * events no rule matched. The events carry learners' data from the live systems, so only live keys see them.
 */
@RestController
@RequestMapping(produces = "application/json", path = "/v1/intake-events")
class IntakeEventController {

    static final String LIVE_ONLY = "Intake events hold learners' data from the live systems";
    private static final List<String> STATUSES = List.of("matched", "unmatched", "ignored", "failed", "rejected");

    private final IntakeEventStore store;
    private final IntakeRecorder recorder;

    IntakeEventController(IntakeEventStore store, IntakeRecorder recorder) {
        this.store = store;
        this.recorder = recorder;
    }

    @GetMapping
    @RequiresScope(Scope.RULES_MANAGE)
    Page<IntakeEventStore.View> list(@RequestParam(required = false) String status,
                                     @RequestParam(required = false) String source,
                                     @RequestParam(required = false) Integer limit,
                                     @RequestParam(name = "starting_after", required = false) String startingAfter,
                                     HttpServletRequest request) {
        ApiKeyPrincipal.of(request).requireLive(LIVE_ONLY);
        QueryParameters.oneOf(status, STATUSES, "status");
        int size = Page.checkedLimit(limit);
        return Page.of(store.list(new IntakeEventStore.Filter(status, source), size + 1, startingAfter), size,
                IntakeEventStore.View::id);
    }

    @GetMapping("/{id}")
    @RequiresScope(Scope.RULES_MANAGE)
    IntakeEventStore.View get(@PathVariable String id, HttpServletRequest request) {
        ApiKeyPrincipal.of(request).requireLive(LIVE_ONLY);
        return store.find(id).orElseThrow(() -> new NotFound("intake event", id));
    }

    /** Applies the rules as they are now: an unmatched event issues once a rule for it exists. */
    @PostMapping("/{id}/replay")
    @RequiresScope(Scope.RULES_MANAGE)
    IntakeEventStore.View replay(@PathVariable String id, HttpServletRequest request) {
        get(id, request);
        return recorder.replay(id);
    }
}
