package io.certbridge.template;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a certificate certifies, the fields each certificate of it carries, optionally its own certificate
 * design (XHTML with Mustache tags; null for the default design), and whether its live certificates are
 * e-mailed to their recipients. {@code issuer} names the outside service account its certificates are issued
 * through ({@code certbridge.issuers.<name>}), null for the hub's own; {@code externalTemplateId} is the service's
 * template, where the service has templates (TRUE). {@code truescreen} has each issued certificate certified by a
 * TrueScreen account, null when none.
 */
public record Template(String id, String object, String name, String description, String criteria,
                      List<TemplateField> fields, Integer validForDays, String design, boolean emailDelivery,
                      String issuer, String externalTemplateId, TrueScreen truescreen, Instant createdAt) {

    /** When a certificate of this template valid from {@code validFrom} expires; null when they do not. */
    public Instant expiresAt(Instant validFrom) {
        return validForDays == null ? null : validFrom.plus(Duration.ofDays(validForDays));
    }

    public record TemplateField(String name, FieldType type, boolean required) {
    }

    public enum FieldType { string, date, number }

    /** The TrueScreen account ({@code certbridge.truescreen.<name>}) and mode: {@code hash} or {@code file}. */
    public record TrueScreen(String account, String mode) {
    }
}
