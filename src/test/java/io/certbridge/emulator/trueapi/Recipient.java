package io.certbridge.emulator.trueapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/** Who a certificate is for and the template fields it carries, as validated from a request. */
record Recipient(String name, String email, ObjectNode fields) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /**
     * Reads {@code {"name":…,"email":…}} and the fields object (absent means none).
     *
     * @param where how the message names the recipient, e.g. {@code recipient} or {@code recipients[3]}
     * @throws ApiError 400 {@code validation_error} naming the first problem
     */
    static Recipient parse(JsonNode recipient, JsonNode fields, String where) {
        if (recipient == null || !recipient.isObject()) {
            throw ApiError.validation(where + " must be an object with name and email");
        }
        String name = text(recipient, "name");
        String email = text(recipient, "email");
        if (name == null || name.isBlank()) {
            throw ApiError.validation(where + ".name is required");
        }
        if (email == null || !EMAIL.matcher(email).matches()) {
            throw ApiError.validation(where + ".email must be a valid e-mail address");
        }
        if (fields != null && !fields.isNull() && !fields.isObject()) {
            throw ApiError.validation("fields must be an object");
        }
        ObjectNode copy = fields instanceof ObjectNode given ? given.deepCopy() : TrueJson.MAPPER.createObjectNode();
        return new Recipient(name, email, copy);
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
