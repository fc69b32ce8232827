package io.certbridge.emulator.swanshare;

import static io.certbridge.emulator.swanshare.ApiError.badRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of {@code POST /v1/credentials}: one credential, or {@code {"items": [...]}}. The whole request
 * is refused (400, nothing issued) when any item is invalid.
 */
final class IssueRequest {

    /** One credential to issue, validated. */
    record Item(String recipientName, String recipientEmail, String title, String expiresAtText, Instant expiresAt,
                ObjectNode fields) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private IssueRequest() {
    }

    /** The items to issue, in the order sent; throws {@link ApiError} (400) when the request is invalid. */
    static List<Item> parse(String body, int maxBatch) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw badRequest("Invalid JSON body");
        }
        if (root == null || !root.isObject()) {
            throw badRequest("Invalid JSON body");
        }
        if (!root.has("items")) {
            return List.of(item(root));
        }
        JsonNode items = root.get("items");
        if (!items.isArray() || items.isEmpty()) {
            throw badRequest("items must be a non-empty array");
        }
        if (items.size() > maxBatch) {
            throw badRequest("A batch can hold at most " + maxBatch + " credentials");
        }
        List<Item> parsed = new ArrayList<>();
        items.forEach(node -> parsed.add(item(node)));
        return parsed;
    }

    private static Item item(JsonNode node) {
        if (!node.isObject() || blank(node.get("recipient_name")) || blank(node.get("title"))) {
            throw badRequest(ApiError.NEEDS_NAME_AND_TITLE);
        }
        String email = optionalText(node, "recipient_email");
        String expiresAtText = optionalText(node, "expires_at");
        JsonNode fields = node.get("fields");
        if (fields != null && !fields.isNull() && !fields.isObject()) {
            throw badRequest("fields must be an object");
        }
        return new Item(node.get("recipient_name").asText().strip(), email, node.get("title").asText().strip(),
                expiresAtText, expiresAtText == null ? null : expiry(expiresAtText),
                fields == null || fields.isNull() ? MAPPER.createObjectNode() : ((ObjectNode) fields).deepCopy());
    }

    /** A date lasts to its end (UTC); a timestamp is taken as it is. */
    private static Instant expiry(String text) {
        try {
            return LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notATimestamp) {
                throw badRequest("expires_at must be a date (YYYY-MM-DD) or an ISO-8601 timestamp");
            }
        }
    }

    private static String optionalText(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return null;
        }
        if (!value.isTextual()) {
            throw badRequest(name + " must be a string");
        }
        return value.asText().strip();
    }

    private static boolean blank(JsonNode value) {
        return value == null || !value.isTextual() || value.asText().isBlank();
    }
}
