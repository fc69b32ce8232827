package io.certbridge.intake.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.intake.JsonPaths;
import io.certbridge.intake.rules.RuleDefinition.Condition;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * The conditions a rule can set on an event. Two values compare as numbers when both are numbers
 * (3 equals "3.0"), as instants when both are ISO 8601 timestamps (whatever their precision and
 * offset), and as text otherwise (so ISO dates compare in time order).
 */
final class Conditions {

    static final Set<String> OPERATORS = Set.of("exists", "equals", "not_equals", "gt", "gte", "lt", "lte", "in");

    private Conditions() {
    }

    static boolean holds(Condition condition, JsonNode document) {
        Optional<String> found = JsonPaths.text(document, condition.path());
        return switch (condition.operator()) {
            case "exists" -> found.isPresent();
            case "not_equals" -> found.isEmpty() || compare(found.get(), condition.value()) != 0;
            case "in" -> found.isPresent() && condition.values() != null
                    && condition.values().stream().anyMatch(v -> compare(found.get(), v) == 0);
            default -> found.isPresent() && condition.value() != null
                    && satisfies(condition.operator(), compare(found.get(), condition.value()));
        };
    }

    private static boolean satisfies(String operator, int comparison) {
        return switch (operator) {
            case "equals" -> comparison == 0;
            case "gt" -> comparison > 0;
            case "gte" -> comparison >= 0;
            case "lt" -> comparison < 0;
            case "lte" -> comparison <= 0;
            default -> false;
        };
    }

    private static int compare(String actual, String expected) {
        Optional<BigDecimal> a = number(actual);
        Optional<BigDecimal> b = number(expected);
        if (a.isPresent() && b.isPresent()) {
            return a.get().compareTo(b.get());
        }
        Optional<Instant> at = instant(actual);
        Optional<Instant> bt = instant(expected);
        if (at.isPresent() && bt.isPresent()) {
            return at.get().compareTo(bt.get());
        }
        return actual.compareTo(expected);
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text.strip()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
