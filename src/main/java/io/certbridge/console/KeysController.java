package io.certbridge.console;

import io.certbridge.api.Scope;
import io.certbridge.api.keys.ApiKeys;
import io.certbridge.api.keys.NewKeyChecks;
import io.certbridge.audit.AuditContext;
import io.certbridge.shared.Cidr;
import io.certbridge.shared.Environment;
import io.certbridge.shared.problems.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * API keys of both environments (admins only): created with scopes and allowed networks, the secret shown once in
 * the answer to the form (never stored, never put in the session), and revoked.
 */
@Controller
@RequestMapping("/console/keys")
class KeysController {

    /** The form; {@code allowedNetworks} is one network a line (or comma-separated). */
    record KeyForm(String name, List<String> scopes, String environment, String allowedNetworks) {

        static KeyForm empty() {
            return new KeyForm("", List.of(), "live", "");
        }

        List<String> networkList() {
            return allowedNetworks == null ? List.of() : Arrays.stream(allowedNetworks.split("[,\\s]+"))
                    .filter(s -> !s.isBlank()).toList();
        }
    }

    private final ApiKeys keys;

    KeysController(ApiKeys keys) {
        this.keys = keys;
    }

    @GetMapping
    String list(Model model) {
        return page(model, KeyForm.empty(), List.of());
    }

    @PostMapping
    String create(@ModelAttribute KeyForm form, Model model, HttpServletRequest request) {
        List<FieldError> errors = new ArrayList<>();
        NewKeyChecks.name(form.name(), errors);
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        (form.scopes() == null ? List.<String>of() : form.scopes()).forEach(value -> Scope.of(value)
                .ifPresentOrElse(scopes::add, () -> errors.add(new FieldError("scopes", "is not a known scope"))));
        if (scopes.isEmpty()) {
            errors.add(new FieldError("scopes", "choose at least one scope"));
        }
        if (!"live".equals(form.environment()) && !"test".equals(form.environment())) {
            errors.add(new FieldError("environment", "must be live or test"));
        }
        List<Cidr> networks = new ArrayList<>();
        NewKeyChecks.networks(form.networkList(), errors, networks);
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
            return page(model, form, errors);
        }
        ApiKeys.CreatedKey created = keys.create(form.name().strip(), scopes, Environment.of(form.environment()),
                networks);
        AuditContext.resource(request, created.key().id());
        model.addAttribute("created", created);
        return page(model, KeyForm.empty(), List.of());
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable String id, RedirectAttributes redirect) {
        boolean revoked = Stream.of(Environment.LIVE, Environment.TEST).anyMatch(env -> keys.revoke(id, env));
        redirect.addFlashAttribute("message", revoked ? "The key " + id + " is revoked: calls with it are refused."
                : "No key " + id + " to revoke.");
        return "redirect:/console/keys";
    }

    private String page(Model model, KeyForm form, List<FieldError> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("scopes", Scope.values());
        model.addAttribute("keysInUse", Stream.of(Environment.LIVE, Environment.TEST)
                .flatMap(environment -> keys.list(environment).stream()).toList());
        return "console/keys";
    }
}
