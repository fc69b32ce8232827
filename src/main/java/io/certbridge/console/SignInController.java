package io.certbridge.console;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page; Spring Security takes the form's POST (see {@link ConsoleSecurity}). */
@Controller
class SignInController {

    private final ConsoleSettings settings;

    SignInController(ConsoleSettings settings) {
        this.settings = settings;
    }

    @GetMapping(ConsoleSecurity.SIGN_IN)
    String signIn(@AuthenticationPrincipal ConsolePrincipal user,
                  @RequestParam(name = "failed", required = false) String failed,
                  @RequestParam(name = "signed-out", required = false) String signedOut, Model model) {
        if (user != null) {
            return "redirect:/console";
        }
        model.addAttribute("failed", failed != null);
        model.addAttribute("signedOut", signedOut != null);
        model.addAllAttributes(ConsoleSingleSignOn.signInModel(settings.oidc()));
        return "console/sign-in";
    }

    /** Where a throttled sign-in is forwarded: the page again, with 429 and why. */
    @RequestMapping(ConsoleSecurity.SIGN_IN_REFUSED)
    String refused(HttpServletResponse response, Model model) {
        response.setStatus(429);
        model.addAttribute("throttled", true);
        model.addAllAttributes(ConsoleSingleSignOn.signInModel(settings.oidc()));
        return "console/sign-in";
    }
}
