package io.certbridge.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.certbridge.template.Template.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Shapes a value taken from an event or a mail into the type of the template field it fills: a number sent as
 * text becomes a number, and a timestamp (ISO 8601, or Unix seconds as Moodle sends them) becomes its
 * UTC date (Unix milliseconds too). A value that cannot be shaped is left as it is, for the template check to refuse.
 */
public final class FieldConversion {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final Pattern UNIX_TIME = Pattern.compile("[0-9]{9,13}");
    /** Larger Unix times are milliseconds: as seconds they would lie after the year 5138. */
    private static final long MILLISECONDS_FROM = 100_000_000_000L;

    private FieldConversion() {
    }

    public static JsonNode to(FieldType type, JsonNode value) {
        return switch (type) {
            case string -> value.isValueNode() ? NODES.textNode(value.asText()) : value;
            case number -> value.isTextual() ? number(value) : value;
            case date -> date(value);
        };
    }

    private static JsonNode number(JsonNode value) {
        try {
            return NODES.numberNode(new BigDecimal(value.asText().strip()));
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static JsonNode date(JsonNode value) {
        if (value.isIntegralNumber() || value.isTextual() && UNIX_TIME.matcher(value.asText()).matches()) {
            long time = value.asLong();
            Instant instant = time >= MILLISECONDS_FROM ? Instant.ofEpochMilli(time) : Instant.ofEpochSecond(time);
            return NODES.textNode(LocalDate.ofInstant(instant, ZoneOffset.UTC).toString());
        }
        if (value.isTextual() && value.asText().length() > 10) {
            try {
                return NODES.textNode(OffsetDateTime.parse(value.asText()).withOffsetSameInstant(ZoneOffset.UTC)
                        .toLocalDate().toString());
            } catch (DateTimeParseException e) {
                return value;
            }
        }
        return value;
    }
}
