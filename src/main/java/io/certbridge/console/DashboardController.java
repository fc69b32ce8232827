package io.certbridge.console;

import io.certbridge.analytics.EngagementTimeline;
import io.certbridge.shared.Environment;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The first page: the last 30 days of the live environment, and what needs attention. */
@Controller
class DashboardController {

    static final int DAYS = 30;

    private final EngagementTimeline timeline;
    private final Attention attention;
    private final Clock clock;

    DashboardController(EngagementTimeline timeline, Attention attention, Clock clock) {
        this.timeline = timeline;
        this.attention = attention;
        this.clock = clock;
    }

    @GetMapping({"/console", "/console/"})
    String dashboard(Model model) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<EngagementTimeline.Interval> days = timeline.between(Environment.LIVE, today.minusDays(DAYS - 1), today,
                null, "day");
        model.addAttribute("days", days);
        model.addAttribute("charts", List.of(
                DayChart.of("Issued", days, EngagementTimeline.Interval::issued, EngagementTimeline.Interval::start),
                DayChart.of("Viewed", days, EngagementTimeline.Interval::viewed, EngagementTimeline.Interval::start),
                DayChart.of("Shared", days, EngagementTimeline.Interval::shared, EngagementTimeline.Interval::start),
                DayChart.of("Verified", days, EngagementTimeline.Interval::verified,
                        EngagementTimeline.Interval::start)));
        model.addAttribute("attention", attention.now());
        return "console/dashboard";
    }
}
