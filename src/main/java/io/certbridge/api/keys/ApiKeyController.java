package io.certbridge.api.keys;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.shared.Cidr;
import io.certbridge.shared.Environment;
import io.certbridge.api.Idempotency;
import io.certbridge.api.Page;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.api.keys.ApiKeys.ApiKey;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.NotFound;
import io.certbridge.shared.problems.ValidationFailed;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/v1/api-keys", produces = "application/json")
class ApiKeyController {

    record CreateKey(String name, List<String> scopes, String environment, List<String> allowedNetworks) {
    }

    record KeyView(String id, String object, String name, String keyPrefix, String environment, List<String> scopes,
                   List<String> allowedNetworks, Instant createdAt) {
        static KeyView of(ApiKey key) {
            return new KeyView(key.id(), "api_key", key.name(), key.keyPrefix(), key.environment().value(),
                    key.scopes().stream().map(Scope::value).toList(), networks(key), key.createdAt());
        }
    }

    record CreatedKeyView(String id, String object, String key, String name, String environment, List<String> scopes,
                          List<String> allowedNetworks, Instant createdAt) {

        static CreatedKeyView of(ApiKey key, String secret) {
            return new CreatedKeyView(key.id(), "api_key", secret, key.name(), key.environment().value(),
                    key.scopes().stream().map(Scope::value).toList(), networks(key), key.createdAt());
        }

        /** What a replay returns: the same key, but its secret is shown once and never stored. */
        Object withoutSecret() {
            return new CreatedKeyView(id, object, null, name, environment, scopes, allowedNetworks, createdAt);
        }
    }

    private static List<String> networks(ApiKey key) {
        return key.allowedNetworks().stream().map(Cidr::toString).toList();
    }

    private final ApiKeys keys;
    private final Idempotency idempotency;

    ApiKeyController(ApiKeys keys, Idempotency idempotency) {
        this.keys = keys;
        this.idempotency = idempotency;
    }

    @PostMapping
    @RequiresScope(Scope.KEYS_MANAGE)
    ResponseEntity<?> create(@RequestBody CreateKey body, HttpServletRequest request) {
        ApiKeyPrincipal caller = ApiKeyPrincipal.of(request);
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        List<Cidr> networks = new ArrayList<>();
        Environment environment = validate(body, caller, scopes, networks);
        return idempotency.run(request, body, () -> {
            var created = keys.create(body.name().strip(), scopes, environment, networks);
            return ResponseEntity.status(HttpStatus.CREATED).body(CreatedKeyView.of(created.key(), created.secret()));
        }, CreatedKeyView::withoutSecret);
    }

    /** A key can only hand out what it holds: no scope it lacks, and a sandbox key makes only sandbox keys. */
    private static Environment validate(CreateKey body, ApiKeyPrincipal caller, Set<Scope> scopes,
                                        List<Cidr> networks) {
        List<FieldError> errors = new ArrayList<>();
        NewKeyChecks.name(body.name(), errors);
        if (body.scopes() == null || body.scopes().isEmpty()) {
            errors.add(new FieldError("scopes", "must name at least one scope"));
        } else {
            for (int i = 0; i < body.scopes().size(); i++) {
                Optional<Scope> scope = Scope.of(body.scopes().get(i));
                if (scope.isEmpty()) {
                    errors.add(new FieldError("scopes[" + i + "]", "is not a known scope"));
                } else if (!caller.scopes().contains(scope.get())) {
                    errors.add(new FieldError("scopes[" + i + "]", "is a scope this API key does not hold"));
                } else {
                    scopes.add(scope.get());
                }
            }
        }
        NewKeyChecks.networks(body.allowedNetworks(), errors, networks);
        Environment environment = null;
        if (!"live".equals(body.environment()) && !"test".equals(body.environment())) {
            errors.add(new FieldError("environment", "must be live or test"));
        } else {
            environment = Environment.of(body.environment());
            if (environment == Environment.LIVE && !caller.livemode()) {
                errors.add(new FieldError("environment", "a test key can only create test keys"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return environment;
    }

    @GetMapping
    @RequiresScope(Scope.KEYS_MANAGE)
    Page<KeyView> list(HttpServletRequest request) {
        return new Page<>(keys.list(ApiKeyPrincipal.of(request).environment()).stream().map(KeyView::of).toList(),
                false, null);
    }

    @DeleteMapping("/{id}")
    @RequiresScope(Scope.KEYS_MANAGE)
    Map<String, Object> revoke(@PathVariable String id, HttpServletRequest request) {
        if (!keys.revoke(id, ApiKeyPrincipal.of(request).environment())) {
            throw new NotFound("API key", id);
        }
        return Map.of("id", id, "object", "api_key", "deleted", true);
    }
}
