package io.certbridge.intake.rules;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/** A stored rule: its definition, and where it came from ({@code api} or {@code config}). */
public record Rule(String id, String origin, @JsonUnwrapped RuleDefinition definition, Instant createdAt,
                   Instant updatedAt) {
}
