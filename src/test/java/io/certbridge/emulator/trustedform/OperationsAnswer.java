package io.certbridge.emulator.trustedform;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The 200 body of a certificate operations request: {@code outcome} ({@code success}, or {@code failure} when the
 * lead did not match), {@code reason}, and one section per operation run, echoing its parameters next to its result.
 */
final class OperationsAnswer {

    static final String LEAD_NOT_MATCHED = "Lead data does not match the certificate";
    /** The documented example's form, {@code 2023-07-18T12:03:52.000Z}. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private OperationsAnswer() {
    }

    /**
     * @param previouslyRetained whether the account had retained the certificate before this request (only read
     *                           when the request retains)
     */
    static ObjectNode of(OperationsRequest request, Certificate certificate, boolean previouslyRetained,
                         Instant now) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("outcome", "success");
        body.putNull("reason");
        if (request.matchLead() != null) {
            boolean matched = matchLead(body.putObject("match_lead"), request.matchLead(), certificate);
            if (!matched) {
                body.put("outcome", "failure").put("reason", LEAD_NOT_MATCHED);
            }
        }
        if (request.retain() != null) {
            retain(body.putObject("retain"), request.retain(), certificate, previouslyRetained);
        }
        if (request.properties() != null) {
            insights(body.putObject("insights").putObject("properties"), request, certificate, now);
        }
        return body;
    }

    private static boolean matchLead(ObjectNode section, OperationsRequest.MatchLead asked, Certificate certificate) {
        if (asked.email() != null) {
            section.put("email", asked.email());
        }
        if (asked.phone() != null) {
            section.put("phone", asked.phone());
        }
        Boolean email = LeadMatch.email(asked.email(), certificate.email());
        Boolean phone = LeadMatch.phone(asked.phone(), certificate.phone());
        boolean success = Boolean.TRUE.equals(email) || Boolean.TRUE.equals(phone);
        ObjectNode result = section.putObject("result");
        result.put("email_match", email);
        result.put("phone_match", phone);
        result.put("success", success);
        return success;
    }

    private static void retain(ObjectNode section, OperationsRequest.Retain asked, Certificate certificate,
                               boolean previouslyRetained) {
        section.put("reference", asked.reference());
        section.put("vendor", asked.vendor());
        if (asked.campaignId() != null) {
            section.put("campaign_id", asked.campaignId());
        }
        ObjectNode results = section.putObject("results");
        results.put("expires_at", TIMESTAMP.format(certificate.retention().expiresAt()));
        results.putNull("masked_cert_url");
        results.put("previously_retained", previouslyRetained);
    }

    private static void insights(ObjectNode properties, OperationsRequest request, Certificate certificate,
                                 Instant now) {
        for (String name : request.properties()) {
            switch (name) {
                case "age_seconds" -> properties.put(name, Duration.between(certificate.createdAt(), now).toSeconds());
                case "created_at" -> properties.put(name, TIMESTAMP.format(certificate.createdAt()));
                case "expires_at" -> properties.put(name, TIMESTAMP.format(certificate.expiresAt()));
                case "page_url" -> properties.put(name, certificate.pageUrl());
                case "domain" -> properties.put(name, URI.create(certificate.pageUrl()).getHost());
                case "seconds_on_page" -> properties.put(name, 94);
                case "ip" -> properties.put(name, "203.0.113.24");
                case "bot_detected", "is_framed", "is_masked" -> properties.put(name, false);
                default -> properties.putNull(name);
            }
        }
    }
}
