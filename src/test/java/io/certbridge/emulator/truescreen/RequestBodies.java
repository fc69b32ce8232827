package io.certbridge.emulator.truescreen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.truescreen.Certification.CertifiedFile;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads and validates the three JSON bodies. Messages follow the documented example (JSON-schema wording such as
 * {@code must have required property 'title'.}): TS-001 for a body that is not a JSON object or a value of the
 * wrong JSON type, TS-002 for a missing, empty or badly formatted value.
 */
final class RequestBodies {

    /** What both creation requests share. */
    record Common(String title, String webhookUrl, boolean generatePdfReport, ObjectNode metadata) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHA256 = Pattern.compile("^[a-fA-F0-9]{64}$");

    private RequestBodies() {
    }

    static ObjectNode object(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw Problem.malformed("Malformed payload.");
        }
        if (node == null || !node.isObject()) {
            throw Problem.malformed("must be object.");
        }
        return (ObjectNode) node;
    }

    /** {@code files[{file_name, hash}]} of a hash certification, hashes in lower case. */
    static List<CertifiedFile> hashedFiles(ObjectNode body) {
        List<CertifiedFile> files = new ArrayList<>();
        JsonNode list = files(body);
        for (int i = 0; i < list.size(); i++) {
            ObjectNode file = item(list, i);
            String hash = text(file, "hash", "/files/" + i + "/");
            if (!SHA256.matcher(hash).matches()) {
                throw Problem.invalid("/files/" + i + "/hash must match pattern \"" + SHA256.pattern() + "\".");
            }
            files.add(new CertifiedFile(text(file, "file_name", "/files/" + i + "/"), hash.toLowerCase(Locale.ROOT),
                    null, null, null));
        }
        return files;
    }

    /** {@code files[{file_name, creation_datetime?}]} of a registration, as (name, creation date or null). */
    static List<String[]> registeredFiles(ObjectNode body) {
        List<String[]> files = new ArrayList<>();
        JsonNode list = files(body);
        for (int i = 0; i < list.size(); i++) {
            ObjectNode file = item(list, i);
            String name = text(file, "file_name", "/files/" + i + "/");
            String created = null;
            if (file.hasNonNull("creation_datetime")) {
                created = text(file, "creation_datetime", "/files/" + i + "/");
                checkPast(created, "/files/" + i + "/creation_datetime");
            }
            files.add(new String[] {name, created});
        }
        return files;
    }

    static String uploadSessionToken(ObjectNode body) {
        return text(body, "upload_session_token", "");
    }

    static Common common(ObjectNode body) {
        String title = text(body, "title", "");
        String webhookUrl = body.hasNonNull("webhook_url") ? text(body, "webhook_url", "") : null;
        if (webhookUrl != null && !webhookUrl.matches("https?://[^/\\s]+.*")) {
            throw Problem.invalid("/webhook_url must match format \"uri\".");
        }
        JsonNode pdf = body.get("generate_pdf_report");
        if (pdf != null && !pdf.isNull() && !pdf.isBoolean()) {
            throw Problem.malformed("/generate_pdf_report must be boolean.");
        }
        JsonNode metadata = body.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw Problem.malformed("/metadata must be object.");
        }
        return new Common(title, webhookUrl, pdf == null || pdf.isNull() || pdf.asBoolean(),
                metadata == null || metadata.isNull() ? null : (ObjectNode) metadata.deepCopy());
    }

    private static JsonNode files(ObjectNode body) {
        JsonNode files = body.get("files");
        if (files == null || files.isNull()) {
            throw Problem.invalid("must have required property 'files'.");
        }
        if (!files.isArray()) {
            throw Problem.malformed("/files must be array.");
        }
        if (files.isEmpty()) {
            throw Problem.invalid("/files must NOT have fewer than 1 items.");
        }
        return files;
    }

    private static ObjectNode item(JsonNode files, int index) {
        if (!files.get(index).isObject()) {
            throw Problem.malformed("/files/" + index + " must be object.");
        }
        return (ObjectNode) files.get(index);
    }

    private static String text(ObjectNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw Problem.invalid((at.isEmpty() ? "" : at.substring(0, at.length() - 1) + " ")
                    + "must have required property '" + field + "'.");
        }
        if (!value.isTextual()) {
            throw Problem.malformed(at + field + " must be string.");
        }
        if (value.asText().isBlank()) {
            throw Problem.invalid(at + field + " must NOT have fewer than 1 characters.");
        }
        return value.asText();
    }

    private static void checkPast(String dateTime, String at) {
        try {
            if (OffsetDateTime.parse(dateTime).toInstant().isAfter(Instant.now())) {
                throw Problem.invalid(at + " must not be in the future.");
            }
        } catch (DateTimeParseException e) {
            throw Problem.invalid(at + " must match format \"date-time\".");
        }
    }
}
