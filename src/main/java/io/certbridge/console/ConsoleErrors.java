package io.certbridge.console;

import io.certbridge.shared.problems.NotFound;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A console page that names something unknown, or fails, answers with a page, not the API's JSON problem. */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler(NotFound.class)
    String notFound(NotFound problem, HttpServletResponse response, Model model) {
        response.setStatus(404);
        model.addAttribute("detail", problem.detail());
        return "console/not-found";
    }

    @ExceptionHandler(RuntimeException.class)
    String failed(RuntimeException failure, HttpServletResponse response) {
        log.error("A console page failed", failure);
        response.setStatus(500);
        return "console/failed";
    }
}
