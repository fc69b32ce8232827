package io.certbridge.issuers.vec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which certificates of an upload VEC.digital's 422 refuses, and in what words: a single upload's errors
 * ({@code {"errors": {"applicant_email": [...]}}}) are its certificate's; a bulk request's name their entries, as
 * lines ({@code "Entry 3: …"}) or as fields ({@code entries.3.applicant_email}). A refusal saying the certificate
 * "already exists" is a duplicate. When the answer names no entry, every certificate is refused with its message.
 */
final class VaultRefusals {

    record Words(String text, boolean duplicate) {
    }

    private static final Pattern ENTRY_LINE = Pattern.compile("Entry (\\d+): (.*)", Pattern.DOTALL);
    private static final Pattern ENTRY_FIELD = Pattern.compile("entries\\.(\\d+)\\..*");
    private static final String DUPLICATE = "already exists";

    private VaultRefusals() {
    }

    /** By index of the upload's entries (0 for a single upload). */
    static Map<Integer, Words> of(VaultAnswer answer, int entries) {
        JsonNode errors = answer.json().path("errors");
        Map<Integer, List<String>> byEntry = new LinkedHashMap<>();
        if (errors.isArray()) {
            errors.forEach(line -> {
                Matcher entry = ENTRY_LINE.matcher(line.asText());
                if (entry.matches()) {
                    add(byEntry, Integer.parseInt(entry.group(1)), entry.group(2));
                }
            });
        } else if (errors.isObject()) {
            errors.properties().forEach(field -> {
                Matcher entry = ENTRY_FIELD.matcher(field.getKey());
                Integer index = entry.matches() ? Integer.valueOf(entry.group(1)) : entries == 1 ? 0 : null;
                if (index != null) {
                    field.getValue().forEach(message -> add(byEntry, index, message.asText()));
                }
            });
        }
        Map<Integer, Words> words = new LinkedHashMap<>();
        byEntry.forEach((index, messages) -> {
            if (index < entries) {
                words.put(index, new Words("VEC.digital refused the certificate: " + String.join(" ", messages),
                        messages.stream().anyMatch(m -> m.contains(DUPLICATE))));
            }
        });
        if (words.isEmpty()) {
            String message = answer.json().path("message").asText(answer.words());
            for (int i = 0; i < entries; i++) {
                words.put(i, new Words("VEC.digital refused the certificate: " + message, message.contains(DUPLICATE)));
            }
        }
        return words;
    }

    private static void add(Map<Integer, List<String>> byEntry, int index, String message) {
        byEntry.computeIfAbsent(index, i -> new ArrayList<>()).add(message);
    }
}
