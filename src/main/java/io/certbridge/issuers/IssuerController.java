package io.certbridge.issuers;

import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.delivery.DeliveryQueue;
import io.certbridge.shared.problems.NotFound;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The configured outside issuers, whether each is paused, and resuming one. Never their keys or secrets. */
@RestController
@RequestMapping(path = "/v1/issuers", produces = "application/json")
class IssuerController {

    record Paused(String reason, Instant pausedAt, Instant resumeAt) {
    }

    record IssuerView(String name, String object, String type, String baseUrl, int batchSize, int requestsPerMinute,
                      boolean forwardsStatusChanges, Paused paused) {
    }

    private final IssuerSettings settings;
    private final IssuerPauses pauses;

    IssuerController(IssuerSettings settings, IssuerPauses pauses) {
        this.settings = settings;
        this.pauses = pauses;
    }

    @GetMapping
    @RequiresScope(Scope.TEMPLATES_READ)
    List<IssuerView> list() {
        return settings.issuers().keySet().stream().map(this::view).toList();
    }

    @GetMapping("/{name}")
    @RequiresScope(Scope.TEMPLATES_READ)
    IssuerView get(@PathVariable String name) {
        return view(name);
    }

    @PostMapping("/{name}/resume")
    @RequiresScope(Scope.DELIVERIES_MANAGE)
    IssuerView resume(@PathVariable String name) {
        view(name);
        pauses.resume(name);
        return view(name);
    }

    private IssuerView view(String name) {
        IssuerSettings.Account account = settings.account(name).orElseThrow(() -> new NotFound("issuer", name));
        DeliveryQueue.Pause pause = pauses.paused(name).orElse(null);
        return new IssuerView(name, "issuer", account.type(), account.base(), account.batchSizeOrDefault(),
                account.requestsPerMinuteOrDefault(), account.issuerType().forwardsStatusChanges(),
                pause == null ? null : new Paused(pause.reason(), pause.pausedAt(), pause.resumeAt()));
    }
}
