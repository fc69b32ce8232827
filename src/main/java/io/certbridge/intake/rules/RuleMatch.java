package io.certbridge.intake.rules;

import io.certbridge.issuance.CertificateRequest;
import java.util.List;

/**
 * What an event led to: {@code matched} (certificate requests made), {@code unmatched} (no rule),
 * {@code ignored} (rules match, but the event reports no completion) or {@code failed} (a rule matches
 * but cannot issue: the event cannot fill its certificate, or its template is gone; the other matching
 * rules still issue) or {@code rejected} (the event cannot be read, so no rule was tried), with a sentence
 * saying why.
 */
public record RuleMatch(String status, String detail, List<String> ruleIds, List<CertificateRequest> requests) {

    public List<String> requestKeys() {
        return requests.stream().map(CertificateRequest::requestKey).toList();
    }

    static RuleMatch unmatched(String detail) {
        return new RuleMatch("unmatched", detail, List.of(), List.of());
    }

    public static RuleMatch rejected(String detail) {
        return new RuleMatch("rejected", detail, List.of(), List.of());
    }
}
