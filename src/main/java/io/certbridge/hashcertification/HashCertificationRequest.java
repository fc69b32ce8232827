package io.certbridge.hashcertification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.MalformedInput;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code POST /v1/hash-certifications} body as TrueScreen documents it: {@code title}, {@code files[{file_name,
 * hash}]}, and optionally {@code webhook_url}, {@code generate_pdf_report} (true unless false) and {@code metadata}
 * (an object). Refused as TrueScreen would: TS-001 for a body that is not an object or a value of the wrong JSON
 * type, TS-002 for a value missing, empty or badly formatted (a hash that is not 64 hexadecimal digits, more than
 * {@value #MAX_FILES} files); every offending field is named.
 */
record HashCertificationRequest(String title, List<CertifiedFile> files, String webhookUrl, boolean pdfReport,
                                ObjectNode metadata) {

    static final int MAX_FILES = 1_000;
    private static final int MAX_TEXT = 500;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Set<String> FIELDS = Set.of("title", "files", "webhook_url", "generate_pdf_report",
            "metadata");

    /** A file as certified: its name as the client gave it, and its SHA-256. */
    record CertifiedFile(String fileName, byte[] hash) {

        String hashHex() {
            return HexFormat.of().formatHex(hash);
        }
    }

    /** Whether {@code hash} is written as a SHA-256: 64 hexadecimal characters, in either case. */
    static boolean isSha256(String hash) {
        return SHA256.matcher(hash).matches();
    }

    static HashCertificationRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new MalformedInput("TS-001", "Malformed payload.", null);
        }
        Errors errors = new Errors();
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                errors.malformed(name, "is not a known field");
            }
        });
        String title = errors.text(body, "title", true);
        List<CertifiedFile> files = files(body.get("files"), errors);
        String webhookUrl = errors.text(body, "webhook_url", false);
        JsonNode pdf = body.get("generate_pdf_report");
        if (pdf != null && !pdf.isNull() && !pdf.isBoolean()) {
            errors.malformed("generate_pdf_report", "must be boolean");
        }
        JsonNode metadata = body.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            errors.malformed("metadata", "must be object");
        }
        errors.throwIfAny();
        return new HashCertificationRequest(title, files, webhookUrl, pdf == null || pdf.isNull() || pdf.asBoolean(),
                metadata == null || metadata.isNull() ? null : (ObjectNode) metadata);
    }

    private static List<CertifiedFile> files(JsonNode files, Errors errors) {
        if (files == null || files.isNull()) {
            errors.invalid("files", "must have required property 'files'");
            return List.of();
        }
        if (!files.isArray()) {
            errors.malformed("files", "must be array");
            return List.of();
        }
        if (files.isEmpty()) {
            errors.invalid("files", "must NOT have fewer than 1 items");
        } else if (files.size() > MAX_FILES) {
            errors.invalid("files", "must NOT have more than " + MAX_FILES + " items");
            return List.of();
        }
        List<CertifiedFile> read = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            String at = "files[" + i + "]";
            JsonNode file = files.get(i);
            if (!file.isObject()) {
                errors.malformed(at, "must be object");
                continue;
            }
            String name = errors.text(file, at, "file_name", true);
            String hash = errors.text(file, at, "hash", true);
            if (hash != null && !isSha256(hash)) {
                errors.invalid(at + ".hash", "must be a SHA-256: 64 hexadecimal characters");
            } else if (name != null && hash != null) {
                read.add(new CertifiedFile(name, HexFormat.of().parseHex(hash)));
            }
        }
        return read;
    }

    /** What is wrong with a body: TS-001 when any value has the wrong type, TS-002 otherwise. */
    private static final class Errors {

        private final List<FieldError> malformed = new ArrayList<>();
        private final List<FieldError> invalid = new ArrayList<>();

        void malformed(String field, String detail) {
            malformed.add(new FieldError(field, detail));
        }

        void invalid(String field, String detail) {
            invalid.add(new FieldError(field, detail));
        }

        String text(JsonNode object, String name, boolean required) {
            return text(object, null, name, required);
        }

        /** A string member, or null: missing or empty when required is an error, and so is a text too long. */
        String text(JsonNode object, String parent, String name, boolean required) {
            String field = parent == null ? name : parent + "." + name;
            JsonNode value = object.get(name);
            if (value == null || value.isNull()) {
                if (required) {
                    invalid(field, "must have required property '" + name + "'");
                }
                return null;
            }
            if (!value.isTextual()) {
                malformed(field, "must be string");
                return null;
            }
            String text = value.asText();
            if (required && text.isBlank()) {
                invalid(field, "must NOT have fewer than 1 characters");
                return null;
            }
            if (text.length() > (name.equals("webhook_url") ? 2_048 : MAX_TEXT)) {
                invalid(field, "is too long");
                return null;
            }
            return text;
        }

        void throwIfAny() {
            if (!malformed.isEmpty()) {
                throw new MalformedInput("TS-001", "Malformed payload.", "Malformed payload: "
                        + describe(malformed) + ".", malformed);
            }
            if (!invalid.isEmpty()) {
                throw new MalformedInput("TS-002", "Validation error", describe(invalid) + ".", invalid);
            }
        }

        private static String describe(List<FieldError> errors) {
            return errors.stream().limit(5).map(e -> e.field() + " " + e.detail())
                    .reduce((a, b) -> a + "; " + b).orElse("") + (errors.size() > 5 ? "; …" : "");
        }
    }
}
