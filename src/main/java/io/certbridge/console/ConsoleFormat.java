package io.certbridge.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** How the console's pages show moments: UTC, to the minute ({@code ${@consoleFormat.at(x)}} in a template). */
@Component
public class ConsoleFormat {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public String at(Instant instant) {
        return instant == null ? "" : MINUTE.format(instant);
    }
}
