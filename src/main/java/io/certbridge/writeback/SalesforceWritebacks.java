package io.certbridge.writeback;

import io.certbridge.issuance.WritebackTarget;
import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.shared.Json;
import io.certbridge.salesforce.SalesforceSettings;
import io.certbridge.writeback.Writebacks.Claimed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Writes certificates to Salesforce records. The due write-backs go out in groups of up to
 * {@code composite-size}: a group of one as a PATCH of its record, a larger one as a composite request
 * (allOrNone false, so one record's error holds back no other), whose answer gives each write-back its
 * own outcome. A record gets the certificate's values as they are now, so a revocation sets its status.
 */
@Component
public class SalesforceWritebacks {

    public static final String GROUP = "salesforceWritebacks";
    private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9]{15}|[A-Za-z0-9]{18}");

    private final Json json;
    private final WritebackOutcomes outcomes;
    private final int groupSize;
    private final String apiVersion;

    SalesforceWritebacks(Json json, WritebackOutcomes outcomes, SalesforceSettings settings) {
        this.json = json;
        this.outcomes = outcomes;
        this.groupSize = settings.compositeSize();
        this.apiVersion = settings.apiVersion();
    }

    /** The groups to send; a write-back whose event named no record id (15 or 18 letters and digits) fails at once. */
    public List<List<Claimed>> groups(List<Claimed> claimed) {
        List<List<Claimed>> groups = new ArrayList<>();
        List<Claimed> group = new ArrayList<>();
        for (Claimed writeback : claimed) {
            Object recordId = writeback.target().get("record_id");
            if (recordId == null || !RECORD_ID.matcher(recordId.toString()).matches()) {
                outcomes.recordFailure(writeback, new WritebackRejected(
                        "The event named no Salesforce record id to write to (got " + recordId + ")"));
                continue;
            }
            group.add(writeback);
            if (group.size() == groupSize) {
                groups.add(group);
                group = new ArrayList<>();
            }
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }

    @SuppressWarnings("unchecked")
    public void prepare(Exchange exchange) {
        List<Claimed> group = exchange.getMessage().getBody(List.class);
        exchange.setProperty(GROUP, group);
        if (group.size() == 1) {
            Claimed writeback = group.getFirst();
            exchange.setProperty("connector", WritebackTarget.SALESFORCE_RECORD);
            exchange.setProperty("salesforceObject", writeback.target().get("sobject"));
            exchange.setProperty("salesforceRecordId", writeback.target().get("record_id"));
            exchange.getMessage().setBody(json.write(fieldValues(writeback)));
            return;
        }
        List<Map<String, Object>> requests = group.stream().map(writeback -> Map.of(
                "method", "PATCH",
                "url", "/services/data/v" + apiVersion + "/sobjects/" + writeback.target().get("sobject") + "/"
                        + writeback.target().get("record_id"),
                "referenceId", writeback.id(),
                "body", fieldValues(writeback))).toList();
        exchange.setProperty("connector", "salesforce-composite-sink");
        exchange.getMessage().setBody(json.write(Map.of("allOrNone", false, "compositeRequest", requests)));
    }

    public void delivered(Exchange exchange) {
        List<Claimed> group = group(exchange);
        if (group.size() == 1) {
            outcomes.recordDelivered(group.getFirst());
            return;
        }
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        json.read(exchange.getMessage().getBody(String.class), JsonNode.class).path("compositeResponse")
                .forEach(answer -> answers.put(answer.path("referenceId").asText(), answer));
        for (Claimed writeback : group) {
            JsonNode answer = answers.get(writeback.id());
            int status = answer == null ? 0 : answer.path("httpStatusCode").asInt();
            if (status >= 200 && status < 300) {
                outcomes.recordDelivered(writeback);
            } else if (answer == null) {
                outcomes.recordFailure(writeback, new SubrequestFailed(0, List.of(),
                        "Salesforce's composite answer left this record out"));
            } else {
                List<String> errorCodes = answer.path("body").findValuesAsText("errorCode");
                outcomes.recordFailure(writeback,
                        new SubrequestFailed(status, errorCodes, answer.path("body").toString()));
            }
        }
    }

    public void failed(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        group(exchange).forEach(writeback -> outcomes.recordFailure(writeback, failure));
    }

    @SuppressWarnings("unchecked")
    private static List<Claimed> group(Exchange exchange) {
        return exchange.getProperty(GROUP, List.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fieldValues(Claimed writeback) {
        Map<String, Object> values = new LinkedHashMap<>();
        ((Map<String, String>) writeback.target().get("fields")).forEach((field, value) -> values.put(field,
                switch (value) {
                    case "certificate_id" -> writeback.certificateId();
                    case "verification_url" -> writeback.verificationUrl();
                    case "status" -> writeback.certificateStatus();
                    case "issued_at" -> writeback.issuedAt().toString();
                    default -> throw new WritebackRejected("No certificate value " + value);
                }));
        return values;
    }

    /** One subrequest of a composite request answered with an error (with Salesforce's errorCodes). */
    static final class SubrequestFailed extends RuntimeException {
        final int status;
        final List<String> errorCodes;

        SubrequestFailed(int status, List<String> errorCodes, String body) {
            super("HTTP " + status + ": " + body, null, false, false);
            this.status = status;
            this.errorCodes = errorCodes;
        }
    }
}
