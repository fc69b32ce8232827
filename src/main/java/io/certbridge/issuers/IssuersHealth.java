package io.certbridge.issuers;

import io.certbridge.backbone.BoundedHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outside issuers' part of the health endpoint: a paused issuer is a detail an operator acts on, not a reason to
 * take the hub out of a load balancer, so the hub stays UP and says which issuers wait and why.
 */
@Configuration
class IssuersHealth {

    @Bean
    HealthIndicator issuersHealthIndicator(IssuerSettings settings, IssuerPauses pauses) {
        return BoundedHealth.of(() -> {
            Map<String, Object> details = new LinkedHashMap<>();
            settings.issuers().forEach((name, account) -> details.put(name, pauses.paused(name)
                    .<Object>map(p -> Map.of("type", account.type(), "status", "paused", "reason", p.reason(),
                            "resume_at", p.resumeAt() == null ? "on resume" : p.resumeAt().toString()))
                    .orElse(Map.of("type", account.type(), "status", "active"))));
            return Health.up().withDetails(details).build();
        });
    }
}
