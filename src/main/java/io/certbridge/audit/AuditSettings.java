package io.certbridge.audit;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * certbridge.audit.*
 *
 * @param retention       how long an audit event is kept
 * @param purgeIntervalMs how often older events are dropped (routes/api-housekeeping)
 */
@Validated
@ConfigurationProperties("certbridge.audit")
public record AuditSettings(@DefaultValue("365d") @DurationMin(hours = 1) Duration retention,
                            @DefaultValue("3600000") @Positive long purgeIntervalMs) {
}
