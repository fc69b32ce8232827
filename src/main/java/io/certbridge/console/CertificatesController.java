package io.certbridge.console;

import io.certbridge.analytics.CertificateAnalytics;
import io.certbridge.delivery.DeliveryFilter;
import io.certbridge.delivery.DeliveryQueue;
import io.certbridge.delivery.DeliveryView;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.CertificateStatusChanges;
import io.certbridge.issuance.Certificates;
import io.certbridge.shared.Environment;
import io.certbridge.shared.problems.NotFound;
import io.certbridge.shared.problems.Problem;
import io.certbridge.template.Template;
import io.certbridge.template.Templates;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Live certificates: searched by recipient (a part of the name or e-mail), template and status, each shown with its
 * engagement and its e-mails, and revoked, suspended, reinstated or its e-mail sent again through the same services
 * as the API's (a revocation is announced, and written back, like one made by a key).
 */
@Controller
@RequestMapping("/console/certificates")
class CertificatesController {

    static final int PAGE_SIZE = 25;
    /** Templates offered in the search's choice; a hub with more is searched by the others' ids. */
    static final int TEMPLATES_LISTED = 500;
    static final List<String> STATUSES = List.of("issued", "suspended", "revoked", "expired", "superseded", "pending",
            "failed");
    /** The certificate e-mail's connector (mail/CertificateEmailConnector). */
    static final String EMAIL_CONNECTOR = "mail-smtp-sink";

    private final Certificates certificates;
    private final CertificateStatusChanges statusChanges;
    private final CertificateAnalytics analytics;
    private final DeliveryQueue deliveries;
    private final Templates templates;

    CertificatesController(Certificates certificates, CertificateStatusChanges statusChanges,
                           CertificateAnalytics analytics, DeliveryQueue deliveries, Templates templates) {
        this.certificates = certificates;
        this.statusChanges = statusChanges;
        this.analytics = analytics;
        this.deliveries = deliveries;
        this.templates = templates;
    }

    @GetMapping
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) String template,
                  @RequestParam(required = false) String status, @RequestParam(required = false) String after,
                  Model model) {
        String text = Forms.blankToNull(q);
        String templateId = Forms.blankToNull(template);
        String wanted = status != null && STATUSES.contains(status) ? status : null;
        List<Certificate> found = certificates.list(new Certificates.Filter(Environment.LIVE, wanted, templateId,
                null, text), PAGE_SIZE + 1, Forms.blankToNull(after));
        model.addAttribute("q", text);
        model.addAttribute("template", templateId);
        model.addAttribute("status", wanted);
        model.addAttribute("statuses", STATUSES);
        List<Template> known = templates.list(TEMPLATES_LISTED, null);
        model.addAttribute("templates", known);
        model.addAttribute("certificates", found.stream().limit(PAGE_SIZE).toList());
        model.addAttribute("next", found.size() > PAGE_SIZE ? found.get(PAGE_SIZE - 1).id() : null);
        model.addAttribute("templateNames", known.stream().collect(Collectors.toMap(Template::id, Template::name)));
        return "console/certificates";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable String id, Model model) {
        Certificate certificate = certificates.find(id, Environment.LIVE)
                .orElseThrow(() -> new NotFound("certificate", id));
        model.addAttribute("certificate", certificate);
        model.addAttribute("templateName", templates.find(certificate.templateId()).map(Template::name)
                .orElse(certificate.templateId()));
        model.addAttribute("engagement", analytics.of(id));
        model.addAttribute("emails", emails(id));
        return "console/certificate";
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable String id, @RequestParam(required = false) String reason,
                  RedirectAttributes redirect) {
        String why = Forms.blankToNull(reason);
        if (why != null && why.length() > 1000) {
            redirect.addFlashAttribute("problem", "The reason is longer than 1000 characters.");
            return back(id);
        }
        return change(id, redirect, "The certificate is revoked.",
                () -> statusChanges.revoke(id, Environment.LIVE, why));
    }

    @PostMapping("/{id}/suspend")
    String suspend(@PathVariable String id, RedirectAttributes redirect) {
        return change(id, redirect, "The certificate is suspended.",
                () -> statusChanges.setStatus(id, Environment.LIVE, "suspended"));
    }

    @PostMapping("/{id}/reinstate")
    String reinstate(@PathVariable String id, RedirectAttributes redirect) {
        return change(id, redirect, "The certificate is reinstated.",
                () -> statusChanges.setStatus(id, Environment.LIVE, "issued"));
    }

    /** Sends the certificate's latest e-mail again, whatever became of it. */
    @PostMapping("/{id}/resend-email")
    String resendEmail(@PathVariable String id, RedirectAttributes redirect) {
        List<DeliveryView> sent = emails(id);
        if (sent.isEmpty()) {
            redirect.addFlashAttribute("problem", "This certificate has no e-mail to send again.");
        } else {
            deliveries.resend(sent.getFirst().id());
            redirect.addFlashAttribute("message", "The e-mail is being sent again.");
        }
        return back(id);
    }

    private String change(String id, RedirectAttributes redirect, String done, Supplier<Certificate> action) {
        try {
            action.get();
            redirect.addFlashAttribute("message", done);
        } catch (Problem problem) {
            redirect.addFlashAttribute("problem", problem.detail());
        }
        return back(id);
    }

    private List<DeliveryView> emails(String certificateId) {
        return deliveries.list(new DeliveryFilter(Environment.LIVE, Set.of(EMAIL_CONNECTOR), null, certificateId,
                null, null), 20, null);
    }

    private static String back(String id) {
        return "redirect:/console/certificates/" + id;
    }
}
