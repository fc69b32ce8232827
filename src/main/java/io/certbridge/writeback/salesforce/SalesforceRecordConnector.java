package io.certbridge.writeback.salesforce;

import static io.certbridge.writeback.WrittenCertificate.WRITEBACK_FAILED;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.delivery.Answers;
import io.certbridge.delivery.Connector;
import io.certbridge.delivery.Delivery;
import io.certbridge.delivery.Outcome;
import io.certbridge.delivery.Result;
import io.certbridge.issuance.WritebackType;
import io.certbridge.salesforce.SalesforceSettings;
import io.certbridge.shared.Json;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.writeback.WrittenCertificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.springframework.stereotype.Component;

/**
 * Certificates written to Salesforce records, in groups of up to {@code composite-size}: a group of one as a PATCH of
 * its record (connectors/salesforce-update-sobject-sink), a larger one as a composite request
 * (connectors/salesforce-composite-sink, allOrNone false, so one record's error holds back no other), whose answer
 * gives each write-back its own outcome. A record held by another transaction (UNABLE_TO_LOCK_ROW) and the org's API
 * limit of the day (REQUEST_LIMIT_EXCEEDED) pass; an expired session is camel-salesforce's to renew. A write-back whose
 * event named no record id (15 or 18 letters and digits) fails at once. A rule asks for it as
 * {@code salesforce_record}.
 */
@Component
public class SalesforceRecordConnector implements Connector, WritebackType<SalesforceRecordConnector.Spec> {

    static final String NAME = "salesforce-update-sobject-sink";
    private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9]{15}|[A-Za-z0-9]{18}");
    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
    private static final int MAX_FIELDS = 50;

    /**
     * A rule's {@code salesforce_record} write-back: the object ({@code sobject}, default Contact), its record
     * ({@code record_id}, a JSONPath over the event or an id, default the learner) and its fields, each named with
     * the certificate value it takes (default the certificate's id, URL and status in Certificate_*__c fields).
     */
    public record Spec(String sobject, String recordId, Map<String, String> fields) {

        public Spec {
            sobject = sobject == null ? "Contact" : sobject;
            recordId = recordId == null ? "$.learner.id" : recordId;
            fields = fields == null ? Map.of("Certificate_Id__c", "certificate_id",
                    "Certificate_URL__c", "verification_url", "Certificate_Status__c", "status") : fields;
        }
    }

    private final Json json;
    private final WrittenCertificate certificate;
    private final SalesforceSettings settings;

    public SalesforceRecordConnector(Json json, WrittenCertificate certificate,
                                     SalesforceSettings settings) {
        this.json = json;
        this.certificate = certificate;
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String type() {
        return "salesforce_record";
    }

    @Override
    public String source() {
        return "salesforce";
    }

    @Override
    public Class<Spec> spec() {
        return Spec.class;
    }

    @Override
    public List<FieldError> problems(Spec spec, Paths paths) {
        List<FieldError> errors = new ArrayList<>();
        if (!API_NAME.matcher(spec.sobject()).matches()) {
            errors.add(new FieldError("sobject", "must be the API name of a Salesforce object, such as Contact"));
        }
        if (paths.isPath(spec.recordId())) {
            paths.problem(spec.recordId()).ifPresent(problem -> errors.add(new FieldError("record_id", problem)));
        } else if (!RECORD_ID.matcher(spec.recordId()).matches()) {
            errors.add(new FieldError("record_id", "must be a JSONPath or a 15- or 18-character record id"));
        }
        if (spec.fields().isEmpty() || spec.fields().size() > MAX_FIELDS) {
            errors.add(new FieldError("fields", "must name 1 to " + MAX_FIELDS + " fields"));
        }
        spec.fields().forEach((field, value) -> {
            if (!API_NAME.matcher(field).matches()) {
                errors.add(new FieldError("fields." + field, "is not a Salesforce field API name"));
            } else if (value == null || !WrittenCertificate.VALUE_NAMES.contains(value)) {
                errors.add(new FieldError("fields." + field,
                        "must be one of " + WrittenCertificate.VALUE_NAMES.stream().sorted().toList()));
            }
        });
        return errors;
    }

    @Override
    public Map<String, Object> target(Spec spec, Event event) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("sobject", spec.sobject());
        target.put("record_id", event.text(spec.recordId()).orElse(null));
        target.put("fields", spec.fields());
        return target;
    }

    @Override
    public boolean ready() {
        return settings.loginUrl() != null;
    }

    /** Each write-back without a record id alone, the others in groups of up to composite-size. */
    @Override
    public List<List<Delivery>> groups(List<Delivery> claimed) {
        List<List<Delivery>> groups = new ArrayList<>();
        List<Delivery> group = new ArrayList<>();
        for (Delivery writeback : claimed) {
            if (!hasRecordId(writeback)) {
                groups.add(List.of(writeback));
                continue;
            }
            group.add(writeback);
            if (group.size() == settings.compositeSize()) {
                groups.add(group);
                group = new ArrayList<>();
            }
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }

    @Override
    public void prepare(List<Delivery> group, Exchange exchange) {
        Delivery first = group.getFirst();
        if (!hasRecordId(first)) {
            throw new NoRecordId(first.text("record_id"));
        }
        if (group.size() == 1) {
            exchange.setProperty("salesforceObject", first.text("sobject"));
            exchange.setProperty("salesforceRecordId", first.text("record_id"));
            exchange.getMessage().setBody(json.write(fieldValues(first)));
            return;
        }
        List<Map<String, Object>> requests = group.stream().map(writeback -> Map.of(
                "method", "PATCH",
                "url", "/services/data/v" + settings.apiVersion() + "/sobjects/" + writeback.text("sobject") + "/"
                        + writeback.text("record_id"),
                "referenceId", writeback.id(),
                "body", fieldValues(writeback))).toList();
        exchange.setProperty("connector", "salesforce-composite-sink");
        exchange.getMessage().setBody(json.write(Map.of("allOrNone", false, "compositeRequest", requests)));
    }

    @Override
    public List<Outcome> answered(List<Delivery> group, Exchange exchange) {
        if (group.size() == 1) {
            return List.of(Outcome.delivered(group.getFirst()));
        }
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        json.read(exchange.getMessage().getBody(String.class), JsonNode.class).path("compositeResponse")
                .forEach(answer -> answers.put(answer.path("referenceId").asText(), answer));
        return group.stream().map(writeback -> {
            JsonNode answer = answers.get(writeback.id());
            if (answer == null) {
                return Outcome.failed(writeback, Result.SERVER_ERROR,
                        "Salesforce's composite answer left this record out");
            }
            int status = answer.path("httpStatusCode").asInt();
            if (status >= 200 && status < 300) {
                return Outcome.delivered(writeback);
            }
            return new Outcome(writeback.id(), result(status, answer.path("body").findValuesAsText("errorCode")),
                    status, null, "HTTP " + status + ": " + answer.path("body"), null, null);
        }).toList();
    }

    @Override
    public List<Outcome> failed(List<Delivery> group, Exception failure) {
        return group.stream().map(writeback -> outcome(writeback, failure)).toList();
    }

    @Override
    public String givenUpEvent() {
        return WRITEBACK_FAILED;
    }

    public static Outcome outcome(Delivery writeback, Exception failure) {
        if (failure instanceof NoRecordId) {
            return Outcome.failed(writeback, Result.INVALID, failure.getMessage());
        }
        if (failure instanceof SalesforceException salesforce && salesforce.getStatusCode() != 0) {
            List<String> codes = salesforce.getErrors() == null ? List.of()
                    : salesforce.getErrors().stream().map(RestError::getErrorCode).toList();
            return new Outcome(writeback.id(), result(salesforce.getStatusCode(), codes), salesforce.getStatusCode(),
                    null, Answers.describe(failure), null, null);
        }
        return Answers.of(writeback, failure);
    }

    static Result result(int status, List<String> errorCodes) {
        if (errorCodes.contains("UNABLE_TO_LOCK_ROW")) {
            return Result.BUSY;
        }
        if (errorCodes.contains("REQUEST_LIMIT_EXCEEDED")) {
            return Result.THROTTLED;
        }
        return Answers.ofStatus(status);
    }

    private static boolean hasRecordId(Delivery writeback) {
        String recordId = writeback.text("record_id");
        return recordId != null && RECORD_ID.matcher(recordId).matches();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> fieldValues(Delivery writeback) {
        Map<String, Object> certificateValues = certificate.values(writeback);
        Map<String, Object> values = new LinkedHashMap<>();
        ((Map<String, String>) writeback.target().get("fields"))
                .forEach((field, value) -> values.put(field, certificateValues.get(value)));
        return values;
    }

    private static final class NoRecordId extends RuntimeException {
        NoRecordId(String got) {
            super("The event named no Salesforce record id to write to (got " + got + ")", null, false, false);
        }
    }
}
