package io.certbridge.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.Idempotency;
import io.certbridge.api.Page;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.shared.Environment;
import io.certbridge.shared.net.SsrfGuard;
import io.certbridge.shared.net.UnsafeUrlException;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.InvalidInput;
import io.certbridge.shared.problems.NotFound;
import io.certbridge.shared.problems.ValidationFailed;
import io.certbridge.webhooks.WebhookEndpoints.Changes;
import io.certbridge.webhooks.WebhookEndpoints.Endpoint;
import io.certbridge.webhooks.WebhookEndpoints.WithSecret;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** /v1/webhook-endpoints: where the key's environment sends its events. A secret is shown only when it is made. */
@RestController
@RequestMapping(produces = "application/json", path = "/v1/webhook-endpoints")
class WebhookEndpointController {

    record CreateEndpoint(String url, List<String> events, String description) {
    }

    record UpdateEndpoint(String url, List<String> events, String description, Boolean enabled) {
    }

    record EndpointView(String id, String object, String url, List<String> events, String description,
                        boolean enabled, String disabledReason, boolean livemode, Instant createdAt, Instant updatedAt,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

        static EndpointView of(Endpoint endpoint) {
            return of(endpoint, null);
        }

        static EndpointView of(WithSecret created) {
            return of(created.endpoint(), created.secret());
        }

        private static EndpointView of(Endpoint e, String secret) {
            return new EndpointView(e.id(), "webhook_endpoint", e.url(), e.events(), e.description(), e.enabled(),
                    e.disabledReason(), e.environment() == Environment.LIVE, e.createdAt(), e.updatedAt(), secret);
        }

        /** What a replay returns: the secret is shown once and never stored. */
        Object withoutSecret() {
            return new EndpointView(id, object, url, events, description, enabled, disabledReason, livemode,
                    createdAt, updatedAt, null);
        }
    }

    private static final int MAX_URL = 2048;
    private static final int MAX_DESCRIPTION = 500;

    private final WebhookEndpoints endpoints;
    private final SsrfGuard guard;
    private final Idempotency idempotency;

    WebhookEndpointController(WebhookEndpoints endpoints, SsrfGuard guard, Idempotency idempotency) {
        this.endpoints = endpoints;
        this.guard = guard;
        this.idempotency = idempotency;
    }

    @PostMapping
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    ResponseEntity<?> create(@RequestBody CreateEndpoint body, HttpServletRequest request) {
        List<String> events = validate(body.url(), body.events(), body.description(), true);
        Environment environment = environment(request);
        return idempotency.run(request, body, () -> ResponseEntity.status(HttpStatus.CREATED).body(EndpointView.of(
                endpoints.create(environment, body.url(), events, body.description()).orElseThrow(() ->
                        new InvalidInput("too_many_endpoints", "An environment has at most "
                                + WebhookEndpoints.MAX_PER_ENVIRONMENT + " webhook endpoints; delete one first", null)))),
                EndpointView::withoutSecret);
    }

    @GetMapping
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    Page<EndpointView> list(@RequestParam(required = false) Integer limit,
                            @RequestParam(name = "starting_after", required = false) String startingAfter,
                            HttpServletRequest request) {
        int size = Page.checkedLimit(limit);
        return Page.of(endpoints.list(environment(request), size + 1, startingAfter).stream().map(EndpointView::of)
                .toList(), size, EndpointView::id);
    }

    @GetMapping("/{id}")
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    EndpointView get(@PathVariable String id, HttpServletRequest request) {
        return EndpointView.of(endpoints.find(id, environment(request)).orElseThrow(() -> notFound(id)));
    }

    @PatchMapping("/{id}")
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    EndpointView update(@PathVariable String id, @RequestBody UpdateEndpoint body, HttpServletRequest request) {
        Environment environment = environment(request);
        endpoints.find(id, environment).orElseThrow(() -> notFound(id));
        List<String> events = validate(body.url(), body.events(), body.description(), false);
        return EndpointView.of(endpoints.update(id, environment,
                new Changes(body.url(), events, body.description(), body.enabled())).orElseThrow(() -> notFound(id)));
    }

    @DeleteMapping("/{id}")
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    ResponseEntity<Void> delete(@PathVariable String id, HttpServletRequest request) {
        if (!endpoints.delete(id, environment(request))) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    /** The previous secret keeps signing, next to the new one, for certbridge.webhooks.secret-overlap. */
    @PostMapping("/{id}/rotate-secret")
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    ResponseEntity<?> rotateSecret(@PathVariable String id, HttpServletRequest request) {
        Environment environment = environment(request);
        return idempotency.run(request, Map.of(), () -> ResponseEntity.ok(EndpointView.of(
                        endpoints.rotateSecret(id, environment).orElseThrow(() -> notFound(id)))),
                EndpointView::withoutSecret);
    }

    /**
     * Checks what is given (everything, when {@code creating}) and returns the events without repetitions. The URL is
     * checked last, and alone, because its check may ask DNS.
     */
    private List<String> validate(String url, List<String> events, String description, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        if (url == null && creating) {
            errors.add(new FieldError("url", "is required"));
        } else if (url != null && url.length() > MAX_URL) {
            errors.add(new FieldError("url", "is longer than " + MAX_URL + " characters"));
        }
        if ((events == null && creating) || (events != null && events.isEmpty())) {
            errors.add(new FieldError("events", "must list at least one event type, or \"*\" for all"));
        } else if (events != null) {
            for (int i = 0; i < events.size(); i++) {
                if (!EventTypes.subscribable(events.get(i))) {
                    errors.add(new FieldError("events[" + i + "]",
                            "is not a known event type: " + String.join(", ", EventTypes.KNOWN) + " or *"));
                }
            }
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "is longer than " + MAX_DESCRIPTION + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        if (url != null) {
            try {
                guard.checkUrl(url);
            } catch (UnsafeUrlException e) {
                throw e.toProblem("url");
            }
        }
        return events == null ? null : List.copyOf(new LinkedHashSet<>(events));
    }

    private static Environment environment(HttpServletRequest request) {
        return ApiKeyPrincipal.of(request).environment();
    }

    private static NotFound notFound(String id) {
        return new NotFound("webhook endpoint", id);
    }
}
