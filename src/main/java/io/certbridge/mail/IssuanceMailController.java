package io.certbridge.mail;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.Page;
import io.certbridge.api.QueryParameters;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.shared.problems.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * /v1/issuance-mails: the mails the issuance inbox read, what became of each, and how its reply went, for
 * example the replies given up on ({@code reply_status=failed}). The mails come from the live inbox and name
 * learners, so only live keys see them.
 */
@RestController
@RequestMapping(produces = "application/json", path = "/v1/issuance-mails")
class IssuanceMailController {

    private static final String LIVE_ONLY = "Issuance mails hold learners' data from the live inbox";
    private static final List<String> STATUSES = List.of("rejected", "failed", "issuing");
    private static final List<String> REPLY_STATUSES = List.of("pending", "sent", "failed");

    private final IssuanceMails mails;

    IssuanceMailController(IssuanceMails mails) {
        this.mails = mails;
    }

    @GetMapping
    @RequiresScope(Scope.CERTIFICATES_READ)
    Page<IssuanceMails.View> list(@RequestParam(required = false) String status,
                                  @RequestParam(name = "reply_status", required = false) String replyStatus,
                                  @RequestParam(required = false) Integer limit,
                                  @RequestParam(name = "starting_after", required = false) String startingAfter,
                                  HttpServletRequest request) {
        ApiKeyPrincipal.of(request).requireLive(LIVE_ONLY);
        QueryParameters.oneOf(status, STATUSES, "status");
        QueryParameters.oneOf(replyStatus, REPLY_STATUSES, "reply_status");
        int size = Page.checkedLimit(limit);
        return Page.of(mails.list(new IssuanceMails.Filter(status, replyStatus), size + 1, startingAfter), size,
                IssuanceMails.View::id);
    }

    @GetMapping("/{id}")
    @RequiresScope(Scope.CERTIFICATES_READ)
    IssuanceMails.View get(@PathVariable String id, HttpServletRequest request) {
        ApiKeyPrincipal.of(request).requireLive(LIVE_ONLY);
        return mails.find(id).orElseThrow(() -> new NotFound("issuance mail", id));
    }

}
