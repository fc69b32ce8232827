package io.certbridge.template;

import java.time.Instant;
import java.util.List;

/**
 * What a certificate certifies, the fields each certificate of it carries, optionally its own certificate
 * design (XHTML with Mustache tags; null for the default design), and whether its live certificates are
 * e-mailed to their recipients.
 */
public record Template(String id, String object, String name, String description, String criteria,
                      List<TemplateField> fields, Integer validForDays, String design, boolean emailDelivery,
                      Instant createdAt) {

    public record TemplateField(String name, FieldType type, boolean required) {
    }

    public enum FieldType { string, date, number }
}
