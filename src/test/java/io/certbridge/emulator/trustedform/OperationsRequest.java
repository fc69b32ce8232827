package io.certbridge.emulator.trustedform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.emulator.BracketParams;
import io.certbridge.emulator.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The operations a {@code POST} to a certificate URL asks for, read from a JSON body or from a form body in
 * bracket notation ({@code retain[reference]=…}), and checked as the API reference describes.
 *
 * @param matchLead  {@code match_lead}: {@code email} and/or {@code phone}, or {@code null}
 * @param retain     {@code retain}: optional {@code reference}, {@code vendor}, {@code campaign_id}, or {@code null}
 * @param properties the {@code insights.properties} asked for, or {@code null} without {@code insights}
 */
record OperationsRequest(MatchLead matchLead, Retain retain, List<String> properties) {

    record MatchLead(String email, String phone) {
    }

    record Retain(String reference, String vendor, String campaignId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every operation the API knows; {@code verify} (TrustedForm Verify) is not emulated, only refused. */
    static final List<String> KNOWN_OPERATIONS = List.of("match_lead", "retain", "insights", "verify");

    /**
     * The request body as an object of operations, from JSON or from a form in bracket notation.
     *
     * @throws ApiError 400 for another Content-Type, malformed JSON, or a body that is not an object
     */
    static JsonNode body(RecordedRequest request) {
        String type = request.header("Content-Type");
        String bare = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        JsonNode body;
        if (bare.equals("application/json")) {
            try {
                body = JSON.readTree(request.body());
            } catch (JsonProcessingException e) {
                throw ApiError.badRequest("Malformed JSON in request body");
            }
        } else if (bare.equals("application/x-www-form-urlencoded")) {
            body = BracketParams.nest(request.form());
        } else {
            throw ApiError.badRequest(
                    "Content-Type must be application/json or application/x-www-form-urlencoded");
        }
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("The request body must be an object of operations");
        }
        return body;
    }

    /**
     * The operations the body names, in the order the API lists them.
     *
     * @throws ApiError 400 when it names none
     */
    static List<String> named(JsonNode body) {
        List<String> names = KNOWN_OPERATIONS.stream().filter(body::has).toList();
        if (names.isEmpty()) {
            throw ApiError.badRequest("No operation requested: send match_lead, retain, insights or verify");
        }
        return names;
    }

    /**
     * Reads the operations of a body whose operations are all allowed.
     *
     * @throws ApiError 400 for sections or fields of the wrong type, 422 for operations that cannot run
     */
    static OperationsRequest read(JsonNode body) {
        MatchLead matchLead = body.has("match_lead") ? new MatchLead(
                text(body, "match_lead", "email"), text(body, "match_lead", "phone")) : null;
        Retain retain = body.has("retain") ? new Retain(text(body, "retain", "reference"),
                text(body, "retain", "vendor"), text(body, "retain", "campaign_id")) : null;
        if (retain != null && (matchLead == null || isBlank(matchLead.email()) && isBlank(matchLead.phone()))) {
            throw ApiError.unprocessable("The match_lead operation with an email or phone is required when "
                    + "running the retain operation");
        }
        return new OperationsRequest(matchLead, retain, body.has("insights") ? properties(body) : null);
    }

    private static String text(JsonNode body, String operation, String field) {
        JsonNode value = section(body, operation).get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.badRequest(operation + "." + field + " must be a string");
        }
        return value.asText();
    }

    private static List<String> properties(JsonNode body) {
        JsonNode properties = section(body, "insights").get("properties");
        if (properties == null || properties.isObject()) {
            // a form body nests properties[]=a as an array, properties=a as a string
            throw ApiError.unprocessable("insights.properties must list the data points wanted");
        }
        List<String> names = new ArrayList<>();
        if (properties.isTextual()) {
            names.add(properties.asText());
        } else {
            properties.forEach(p -> names.add(p.asText()));
        }
        if (names.isEmpty()) {
            throw ApiError.unprocessable("insights.properties must list the data points wanted");
        }
        return names;
    }

    private static JsonNode section(JsonNode body, String operation) {
        JsonNode section = body.get(operation);
        if (!section.isObject()) {
            throw ApiError.badRequest(operation + " must be an object");
        }
        return section;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
