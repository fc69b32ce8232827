package io.certbridge.emulator.trueapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filters and page of {@code GET /v1/certificates}: {@code recipient_email} (case-insensitive),
 * {@code template_id}, {@code status}, {@code batch_id}, {@code fields[<name>]=<value>} (exact match of a
 * template field, repeatable), {@code limit} (1–100, default 25) and {@code cursor} (the {@code next_cursor}
 * of the previous page). Any other parameter is refused, so a misspelt filter cannot silently match everything.
 */
record CertificateQuery(String recipientEmail, String templateId, String status, String batchId,
                        Map<String, String> fields, int limit, String cursor) {

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;
    private static final Pattern FIELD = Pattern.compile("fields\\[([^\\]]+)]");

    /** @throws ApiError 400 {@code validation_error} on an unknown parameter or a bad limit */
    static CertificateQuery parse(List<Map.Entry<String, String>> params) {
        String email = null;
        String template = null;
        String status = null;
        String batch = null;
        String cursor = null;
        int limit = DEFAULT_LIMIT;
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> param : params) {
            String value = param.getValue();
            Matcher field = FIELD.matcher(param.getKey());
            switch (param.getKey()) {
                case "recipient_email" -> email = value;
                case "template_id" -> template = value;
                case "status" -> status = value;
                case "batch_id" -> batch = value;
                case "cursor" -> cursor = value;
                case "limit" -> limit = limit(value);
                default -> {
                    if (!field.matches()) {
                        throw ApiError.validation("Unknown query parameter " + param.getKey());
                    }
                    fields.put(field.group(1), value);
                }
            }
        }
        return new CertificateQuery(email, template, status, batch, fields, limit, cursor);
    }

    boolean matches(Certificate certificate) {
        return (recipientEmail == null || recipientEmail.equalsIgnoreCase(certificate.recipientEmail))
                && (templateId == null || templateId.equals(certificate.templateId))
                && (status == null || status.equals(certificate.status()))
                && (batchId == null || batchId.equals(certificate.batchId))
                && fields.entrySet().stream().allMatch(f -> f.getValue().equals(certificate.field(f.getKey())));
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw ApiError.validation("limit must be a whole number from 1 to " + MAX_LIMIT);
    }
}
