package io.certbridge.reminders;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * certbridge.reminders.*: how long before a certificate's expiry its recipient is reminded, once per offset
 * ({@code offsets}, such as 30d,7d; none: no reminders).
 */
@Validated
@ConfigurationProperties("certbridge.reminders")
public record ReminderSettings(@DefaultValue({"30d", "7d"}) List<Duration> offsets) {

    public ReminderSettings {
        offsets = List.copyOf(offsets);
        if (offsets.stream().anyMatch(o -> o.isNegative() || o.isZero() || o.toMillis() % 1000 != 0)) {
            throw new IllegalArgumentException(
                    "certbridge.reminders.offsets must be whole positive seconds, such as 30d,7d");
        }
    }

    long[] offsetSeconds() {
        return offsets.stream().mapToLong(Duration::toSeconds).toArray();
    }
}
