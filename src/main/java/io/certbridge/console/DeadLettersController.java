package io.certbridge.console;

import io.certbridge.delivery.DeliveryFilter;
import io.certbridge.delivery.DeliveryQueue;
import io.certbridge.delivery.DeliveryView;
import io.certbridge.intake.IntakeEventStore;
import io.certbridge.intake.IntakeRecorder;
import io.certbridge.issuers.IssuerPauses;
import io.certbridge.issuers.IssuerSettings;
import io.certbridge.shared.Environment;
import io.certbridge.shared.problems.NotFound;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What did not get through: failed deliveries of every connector (write-backs, certificate e-mails, customers'
 * webhooks), intake events no rule matched or that failed, and paused issuers. Each is sent again, replayed or
 * resumed by the services the API uses. An htmx request gets the changed row back; a plain form, the page.
 */
@Controller
@RequestMapping("/console/dead-letters")
class DeadLettersController {

    static final int SHOWN = 50;
    static final List<String> EVENT_STATUSES = List.of("unmatched", "failed");

    private final DeliveryQueue deliveries;
    private final IntakeEventStore intakeEvents;
    private final IntakeRecorder intake;
    private final IssuerSettings issuers;
    private final IssuerPauses pauses;

    DeadLettersController(DeliveryQueue deliveries, IntakeEventStore intakeEvents, IntakeRecorder intake,
                          IssuerSettings issuers, IssuerPauses pauses) {
        this.deliveries = deliveries;
        this.intakeEvents = intakeEvents;
        this.intake = intake;
        this.issuers = issuers;
        this.pauses = pauses;
    }

    @GetMapping
    String list(@RequestParam(required = false) String connector, @RequestParam(required = false) String events,
                @RequestParam(required = false) String after, Model model) {
        String connectorName = Forms.blankToNull(connector);
        List<DeliveryView> failed = deliveries.list(new DeliveryFilter(Environment.LIVE,
                connectorName == null ? null : Set.of(connectorName), "failed", null, null, null), SHOWN + 1,
                Forms.blankToNull(after));
        model.addAttribute("connector", connectorName);
        model.addAttribute("deliveries", failed.stream().limit(SHOWN).toList());
        model.addAttribute("next", failed.size() > SHOWN ? failed.get(SHOWN - 1).id() : null);
        List<String> statuses = events != null && EVENT_STATUSES.contains(events) ? List.of(events) : EVENT_STATUSES;
        model.addAttribute("events", statuses.stream().flatMap(status -> intakeEvents.list(
                new IntakeEventStore.Filter(status, null), SHOWN, null).stream()).toList());
        model.addAttribute("pausedIssuers", issuers.issuers().keySet().stream().sorted()
                .filter(name -> pauses.paused(name).isPresent())
                .map(name -> new PausedIssuer(name, pauses.paused(name).orElseThrow())).toList());
        return "console/dead-letters";
    }

    record PausedIssuer(String name, DeliveryQueue.Pause pause) {
    }

    @PostMapping("/deliveries/{id}/retry")
    String retry(@PathVariable String id, @RequestHeader(name = "HX-Request", required = false) String htmx,
                 Model model, RedirectAttributes redirect) {
        DeliveryFilter live = new DeliveryFilter(Environment.LIVE, null, null, null, null, null);
        deliveries.find(id, live).orElseThrow(() -> new NotFound("delivery", id));
        String outcome = deliveries.retry(id) ? "Sent again." : "Not failed any more: nothing to send again.";
        if (htmx != null) {
            model.addAttribute("d", deliveries.find(id, live).orElseThrow());
            model.addAttribute("outcome", outcome);
            return "console/dead-letter-rows :: delivery-row";
        }
        redirect.addFlashAttribute("message", "Delivery " + id + ": " + outcome);
        return "redirect:/console/dead-letters";
    }

    @PostMapping("/intake-events/{id}/replay")
    String replay(@PathVariable String id, @RequestHeader(name = "HX-Request", required = false) String htmx,
                  Model model, RedirectAttributes redirect) {
        intakeEvents.find(id).orElseThrow(() -> new NotFound("intake event", id));
        IntakeEventStore.View replayed = intake.replay(id);
        String outcome = "Replayed: now " + replayed.status() + ".";
        if (htmx != null) {
            model.addAttribute("e", replayed);
            model.addAttribute("outcome", outcome);
            return "console/dead-letter-rows :: event-row";
        }
        redirect.addFlashAttribute("message", "Intake event " + id + ": " + outcome);
        return "redirect:/console/dead-letters";
    }

    @PostMapping("/issuers/{name}/resume")
    String resume(@PathVariable String name, RedirectAttributes redirect) {
        issuers.account(name).orElseThrow(() -> new NotFound("issuer", name));
        pauses.resume(name);
        redirect.addFlashAttribute("message", "Issuer " + name + " resumed.");
        return "redirect:/console/dead-letters";
    }
}
