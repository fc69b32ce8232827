package io.certbridge.analytics;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * certbridge.analytics.*: how long the ids of counted engagement events are kept to drop an event heard again
 * ({@code countedEventRetention}, far beyond how late Kafka can redeliver one), and at most how many intervals one
 * analytics query may span ({@code maxIntervals}).
 */
@Validated
@ConfigurationProperties("certbridge.analytics")
public record AnalyticsSettings(@DefaultValue("7d") @DurationMin(hours = 1) Duration countedEventRetention,
                                @DefaultValue("1000") @Positive int maxIntervals) {
}
