package io.certbridge.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the servlet container reaches for errors outside controllers: problem+json too, never a page or a trace. */
@RestController
class ProblemErrorController implements ErrorController {

    private final ProblemResponses problems;

    ProblemErrorController(ProblemResponses problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer i ? i : 404;
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof ApiProblem problem) {
            return problems.entity(problem);
        }
        return problems.entity(code == 404
                ? new ApiProblem(404, "resource_not_found", "Not found", "No such resource")
                : code < 500
                ? new ApiProblem(code, "bad_request", "Bad request", "The request could not be understood")
                : new ApiProblem(500, "internal_error", "Internal error",
                        "Something went wrong on our side; the request may be retried"));
    }
}
