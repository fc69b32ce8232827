package io.certbridge.analytics;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.QueryParameters;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.shared.problems.MalformedInput;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/analytics}: counts per interval of the caller's environment, as JSON or, with {@code format=csv} or
 * {@code Accept: text/csv}, as a CSV file. {@code from} and {@code to} are days (UTC), both included; by default the
 * last 30 days up to today.
 */
@RestController
class AnalyticsController {

    record Analytics(String object, String interval, LocalDate from, LocalDate to, String templateId,
                     List<EngagementTimeline.Interval> data) {
    }

    private static final String INVALID = "invalid_parameter";
    private static final List<String> INTERVALS = List.of("day", "week", "month");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final EngagementTimeline timeline;
    private final AnalyticsSettings settings;
    private final Clock clock;

    AnalyticsController(EngagementTimeline timeline, AnalyticsSettings settings, Clock clock) {
        this.timeline = timeline;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping(path = "/v1/analytics", produces = {"application/json", "text/csv"})
    @RequiresScope(Scope.CERTIFICATES_READ)
    ResponseEntity<?> analytics(@RequestParam(required = false) String from,
                                @RequestParam(required = false) String to,
                                @RequestParam(name = "template_id", required = false) String templateId,
                                @RequestParam(defaultValue = "day") String interval,
                                @RequestParam(required = false) String format,
                                HttpServletRequest request) {
        QueryParameters.oneOf(interval, INTERVALS, "interval");
        QueryParameters.oneOf(format, List.of("json", "csv"), "format");
        LocalDate last = to == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : day(to, "to");
        LocalDate first = from == null ? last.minusDays(29) : day(from, "from");
        if (first.isAfter(last)) {
            throw new MalformedInput(INVALID, "must not be after to", "from");
        }
        if (ChronoUnit.valueOf(interval.toUpperCase() + "S").between(first, last) >= settings.maxIntervals()) {
            throw new MalformedInput(INVALID, "spans more than " + settings.maxIntervals() + " intervals", "from");
        }
        List<EngagementTimeline.Interval> counts = timeline.between(ApiKeyPrincipal.of(request).environment(),
                first, last, templateId, interval);
        if (wantsCsv(format, request)) {
            return ResponseEntity.ok().contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION,
                            "attachment; filename=\"analytics-" + first + "-" + last + ".csv\"")
                    .body(csv(counts));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(new Analytics("analytics", interval, first, last, templateId, counts));
    }

    private static boolean wantsCsv(String format, HttpServletRequest request) {
        if (format != null) {
            return format.equals("csv");
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && MediaType.parseMediaTypes(accept).stream()
                .anyMatch(type -> type.isCompatibleWith(CSV) && !type.isWildcardType());
    }

    private static String csv(List<EngagementTimeline.Interval> counts) {
        StringBuilder csv = new StringBuilder("start,issued,viewed,shared,verified\r\n");
        counts.forEach(c -> csv.append(c.start()).append(',').append(c.issued()).append(',').append(c.viewed())
                .append(',').append(c.shared()).append(',').append(c.verified()).append("\r\n"));
        return csv.toString();
    }

    private static LocalDate day(String value, String parameter) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedInput(INVALID, "must be a day such as 2026-12-01", parameter);
        }
    }
}
