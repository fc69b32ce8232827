package io.certbridge.template;

import java.time.Instant;
import java.util.List;

/**
 * What a certificate certifies, the fields each certificate of it carries, and optionally its own
 * certificate design (XHTML with Mustache tags; null for the default design).
 */
public record Template(String id, String object, String name, String description, String criteria,
                      List<TemplateField> fields, Integer validForDays, String design, Instant createdAt) {

    public record TemplateField(String name, FieldType type, boolean required) {
    }

    public enum FieldType { string, date, number }
}
