package io.certbridge.emulator.trueapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The certificate templates of the account: which ids exist, are active, and which fields they require. */
final class Templates {

    private record Template(List<String> requiredFields, boolean active) {
    }

    private final Map<String, Template> templates = new HashMap<>();

    void put(String id, boolean active, List<String> requiredFields) {
        templates.put(id, new Template(List.copyOf(requiredFields), active));
    }

    void setActive(String id, boolean active) {
        Template template = templates.get(id);
        if (template == null) {
            throw new IllegalArgumentException("no template " + id);
        }
        templates.put(id, new Template(template.requiredFields(), active));
    }

    /** @throws ApiError 400 {@code invalid_template} when the id is unknown or the template inactive */
    void requireActive(String id) {
        Template template = templates.get(id);
        if (template == null || !template.active()) {
            throw new ApiError(400, "invalid_template", "Template " + id + " does not exist or is not active");
        }
    }

    /** @throws ApiError 400 {@code missing_field} naming the first required field that is absent or blank */
    void requireFields(String id, JsonNode fields) {
        for (String name : templates.get(id).requiredFields()) {
            if (!fields.hasNonNull(name) || fields.get(name).asText().isBlank()) {
                throw new ApiError(400, "missing_field", "Template " + id + " requires the field " + name);
            }
        }
    }
}
