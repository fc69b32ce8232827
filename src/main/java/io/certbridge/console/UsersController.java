package io.certbridge.console;

import io.certbridge.audit.AuditContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console users (admins only): created with a role and a first password, their role changed, disabled or enabled.
 * A change ends the user's sessions, so that it takes effect at once; the last enabled admin cannot be demoted or
 * disabled, so that someone can always manage the console.
 */
@Controller
@RequestMapping("/console/users")
class UsersController {

    private final ConsoleUsers users;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    UsersController(ConsoleUsers users, FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    @GetMapping
    String list(Model model) {
        return page(model, "", "viewer", List.of());
    }

    @PostMapping
    String create(@RequestParam String email, @RequestParam String role, @RequestParam String password, Model model,
                  HttpServletRequest request) {
        List<String> errors = new ArrayList<>();
        String address = email.strip();
        if (!address.matches("[^@\\s]+@[^@\\s]+") || address.length() > 320) {
            errors.add("The e-mail must be an address such as registrar@example.edu.");
        } else if (users.emailTaken(address)) {
            errors.add("A user with this e-mail exists.");
        }
        ConsoleRole chosen = role(role, errors);
        if (password.length() < FirstAdmin.MIN_PASSWORD_LENGTH) {
            errors.add("The password must be at least " + FirstAdmin.MIN_PASSWORD_LENGTH + " characters long.");
        }
        if (!errors.isEmpty()) {
            return page(model, address, role, errors);
        }
        ConsoleUsers.ConsoleUser created = users.create(address, password, chosen);
        AuditContext.resource(request, created.id());
        model.addAttribute("message", "User " + created.email() + " created as " + chosen.value() + ".");
        return page(model, "", "viewer", List.of());
    }

    @PostMapping("/{id}/role")
    String changeRole(@PathVariable String id, @RequestParam String role, RedirectAttributes redirect) {
        List<String> errors = new ArrayList<>();
        ConsoleRole chosen = role(role, errors);
        ConsoleUsers.ConsoleUser user = users.find(id).orElse(null);
        if (user == null) {
            errors.add("No such user.");
        } else if (chosen != null && chosen != ConsoleRole.ADMIN && user.role() == ConsoleRole.ADMIN
                && !users.anotherAdminThan(id)) {
            errors.add("This is the last admin: make another user admin first.");
        }
        if (errors.isEmpty()) {
            users.changeRole(id, chosen);
            signOut(user);
            redirect.addFlashAttribute("message", user.email() + " is now " + chosen.value() + ".");
        } else {
            redirect.addFlashAttribute("problem", String.join(" ", errors));
        }
        return "redirect:/console/users";
    }

    @PostMapping("/{id}/disable")
    String disable(@PathVariable String id, @AuthenticationPrincipal ConsolePrincipal me,
                   RedirectAttributes redirect) {
        ConsoleUsers.ConsoleUser user = users.find(id).orElse(null);
        if (user == null) {
            redirect.addFlashAttribute("problem", "No such user.");
        } else if (user.id().equals(me.id())) {
            redirect.addFlashAttribute("problem", "You cannot disable yourself.");
        } else if (user.role() == ConsoleRole.ADMIN && !users.anotherAdminThan(id)) {
            redirect.addFlashAttribute("problem", "This is the last admin: make another user admin first.");
        } else {
            users.disable(id);
            signOut(user);
            redirect.addFlashAttribute("message", user.email() + " is disabled and signed out.");
        }
        return "redirect:/console/users";
    }

    @PostMapping("/{id}/enable")
    String enable(@PathVariable String id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("message", users.enable(id) ? "The user may sign in again." : "Nothing changed.");
        return "redirect:/console/users";
    }

    private void signOut(ConsoleUsers.ConsoleUser user) {
        sessions.findByPrincipalName(user.email()).keySet().forEach(sessions::deleteById);
    }

    private static ConsoleRole role(String value, List<String> errors) {
        try {
            return ConsoleRole.of(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.add("The role must be admin, issuer or viewer.");
            return null;
        }
    }

    private String page(Model model, String email, String role, List<String> errors) {
        model.addAttribute("users", users.list());
        model.addAttribute("roles", ConsoleRole.values());
        model.addAttribute("email", email);
        model.addAttribute("role", role);
        model.addAttribute("errors", errors);
        model.addAttribute("minPassword", FirstAdmin.MIN_PASSWORD_LENGTH);
        return "console/users";
    }
}
