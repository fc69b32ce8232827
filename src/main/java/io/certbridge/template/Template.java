package io.certbridge.template;

import java.time.Instant;
import java.util.List;

/** What a certificate certifies, and the fields each certificate of it carries. */
public record Template(String id, String object, String name, String description, String criteria,
                      List<TemplateField> fields, Integer validForDays, Instant createdAt) {

    public record TemplateField(String name, FieldType type, boolean required) {
    }

    public enum FieldType { string, date, number }
}
