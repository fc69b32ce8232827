package io.certbridge.console;

import io.certbridge.audit.AuditEvent;
import io.certbridge.audit.AuditLog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log, newest first, of both environments: filtered by actor (a key's or a user's id), method, path,
 * resource, status and days (UTC, both included), a page at a time. Console users are shown by their e-mail.
 */
@Controller
@RequestMapping("/console/audit")
class AuditController {

    static final int PAGE_SIZE = 50;
    static final List<String> METHODS = List.of("POST", "PUT", "PATCH", "DELETE", "GET");

    private final AuditLog auditLog;
    private final ConsoleUsers users;

    AuditController(AuditLog auditLog, ConsoleUsers users) {
        this.auditLog = auditLog;
        this.users = users;
    }

    @GetMapping
    String list(@RequestParam(required = false) String actor, @RequestParam(required = false) String method,
                @RequestParam(required = false) String path, @RequestParam(required = false) String resource,
                @RequestParam(required = false) String status, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestParam(required = false) String after,
                Model model) {
        Map<String, String> query = new LinkedHashMap<>();
        String problem = null;
        Integer statusCode = null;
        if (Forms.blankToNull(status) != null) {
            try {
                statusCode = Integer.valueOf(status.strip());
            } catch (NumberFormatException e) {
                problem = "The status must be a number such as 403.";
            }
        }
        Instant since = null;
        Instant until = null;
        try {
            since = day(from, 0);
            until = day(to, 1);
        } catch (DateTimeParseException e) {
            problem = "Days are written such as 2026-12-01.";
        }
        String wantedMethod = method != null && METHODS.contains(method) ? method : null;
        List<AuditEvent> events = problem != null ? List.of() : auditLog.list(new AuditLog.Filter(null,
                Forms.blankToNull(actor), wantedMethod, Forms.blankToNull(path),
                Forms.blankToNull(resource), statusCode, since, until), PAGE_SIZE + 1,
                Forms.blankToNull(after));
        query.put("actor", Forms.blankToNull(actor));
        query.put("method", wantedMethod);
        query.put("path", Forms.blankToNull(path));
        query.put("resource", Forms.blankToNull(resource));
        query.put("status", Forms.blankToNull(status));
        query.put("from", Forms.blankToNull(from));
        query.put("to", Forms.blankToNull(to));
        model.addAttribute("query", query);
        model.addAttribute("methods", METHODS);
        model.addAttribute("problem", problem);
        model.addAttribute("events", events.stream().limit(PAGE_SIZE).toList());
        model.addAttribute("next", events.size() > PAGE_SIZE ? events.get(PAGE_SIZE - 1).id() : null);
        model.addAttribute("userEmails", users.list().stream()
                .collect(Collectors.toMap(ConsoleUsers.ConsoleUser::id, ConsoleUsers.ConsoleUser::email)));
        return "console/audit";
    }

    /** The start of {@code value}'s day plus {@code days} (UTC); null when not given. */
    private static Instant day(String value, int days) {
        String given = Forms.blankToNull(value);
        return given == null ? null : LocalDate.parse(given).plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
