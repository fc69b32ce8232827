package io.certbridge.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout needs on every console page: who is signed in, the navigation, and which page this is. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    @ModelAttribute("me")
    ConsolePrincipal me(@AuthenticationPrincipal ConsolePrincipal user) {
        return user;
    }

    @ModelAttribute("navigation")
    List<ConsoleNavigation.Entry> navigation(@AuthenticationPrincipal ConsolePrincipal user) {
        return user == null ? List.of() : ConsoleNavigation.visibleTo(user);
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getServletPath();
    }
}
