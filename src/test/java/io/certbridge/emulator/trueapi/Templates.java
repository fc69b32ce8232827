package io.certbridge.emulator.trueapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The account's certificate templates: the active ones, each with the fields it requires. Thread-safe. */
final class Templates {

    private final Map<String, List<String>> active = new ConcurrentHashMap<>();

    void activate(String id, List<String> requiredFields) {
        active.put(id, List.copyOf(requiredFields));
    }

    void deactivate(String id) {
        active.remove(id);
    }

    /** @throws ApiError 400 {@code invalid_template} when the id is unknown or the template inactive */
    void requireActive(String id) {
        if (!active.containsKey(id)) {
            throw new ApiError(400, "invalid_template", "Template " + id + " does not exist or is not active");
        }
    }

    /** @throws ApiError 400 {@code missing_field} naming the first required field that is absent or blank */
    void requireFields(String id, JsonNode fields) {
        for (String name : active.getOrDefault(id, List.of())) {
            if (fields.path(name).asText("").isBlank()) {
                throw new ApiError(400, "missing_field", "Template " + id + " requires the field " + name);
            }
        }
    }
}
