package io.certbridge.emulator.vec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.EmulatorServer.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Laravel's request validation as the API answers it: each rule's English message (Laravel 10+ wording, the
 * attribute's underscores shown as spaces), and 422 {@code {"message": first (and N more errors),
 * "errors": {attribute: [messages]}}}.
 */
final class Validation {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static final int MAX_FILE_KILOBYTES = 20480;

    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    void fail(String attribute, String rule) {
        errors.computeIfAbsent(attribute, a -> new ArrayList<>())
                .add("The " + attribute.replace('_', ' ') + " field " + rule + ".");
    }

    boolean failed() {
        return !errors.isEmpty();
    }

    /** A string field: {@code required|string|max:n}, or {@code nullable|string|max:n} when not required. */
    String text(String attribute, String value, boolean required, int max) {
        if (value == null) {
            if (required) {
                fail(attribute, "is required");
            }
            return null;
        }
        if (value.length() > max) {
            fail(attribute, "must not be greater than " + max + " characters");
        }
        return value;
    }

    String email(String attribute, String value) {
        String email = text(attribute, value, true, 255);
        if (email != null && !EMAIL.matcher(email).matches()) {
            fail(attribute, "must be a valid email address");
        }
        return email;
    }

    /** {@code nullable|date_format:Y-m-d}; absent means {@code fallback}. */
    LocalDate date(String attribute, String value, LocalDate fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            fail(attribute, "must match the format Y-m-d");
            return fallback;
        }
    }

    String uuid(String attribute, String value) {
        String id = text(attribute, value, true, 255);
        if (id != null && !UUID.matcher(id).matches()) {
            fail(attribute, "must be a valid UUID");
        }
        return id;
    }

    /**
     * {@code required|file|mimes:pdf,jpg,jpeg,png|max:20480}, the type told by the content (its magic bytes) as
     * Laravel's {@code mimes} rule does, not by the file name.
     *
     * @return the file's MIME type, or {@code null} when it has none of the allowed ones
     */
    String certificateFile(String attribute, FormInput.Upload upload) {
        if (upload == null || upload.content().length == 0) {
            fail(attribute, "is required");
            return null;
        }
        String mimeType = mimeType(upload.content());
        if (mimeType == null) {
            fail(attribute, "must be a file of type: pdf, jpg, jpeg, png");
        }
        if (upload.content().length > MAX_FILE_KILOBYTES * 1024) {
            fail(attribute, "must not be greater than " + MAX_FILE_KILOBYTES + " kilobytes");
        }
        return mimeType;
    }

    private static String mimeType(byte[] content) {
        if (startsWith(content, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
            return "application/pdf";
        }
        if (startsWith(content, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        return startsWith(content, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A) ? "image/png" : null;
    }

    private static boolean startsWith(byte[] content, int... magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((content[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code nullable|integer|min|max}; absent means {@code fallback}. */
    int integer(String attribute, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < min) {
                fail(attribute, "must be at least " + min);
            } else if (number > max) {
                fail(attribute, "must not be greater than " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            fail(attribute, "must be an integer");
            return fallback;
        }
    }

    /** {@code nullable|in:…} */
    void oneOf(String attribute, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            errors.computeIfAbsent(attribute, a -> new ArrayList<>())
                    .add("The selected " + attribute.replace('_', ' ') + " is invalid.");
        }
    }

    Response response() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode body = json.objectNode();
        List<String> all = errors.values().stream().flatMap(List::stream).toList();
        int more = all.size() - 1;
        body.put("message", all.get(0) + (more == 0 ? "" : " (and " + more + " more error" + (more == 1 ? "" : "s") + ")"));
        ObjectNode fields = body.putObject("errors");
        errors.forEach((attribute, messages) -> {
            ArrayNode list = fields.putArray(attribute);
            messages.forEach(list::add);
        });
        return Response.json(422, body);
    }
}
