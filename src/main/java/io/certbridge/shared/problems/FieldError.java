package io.certbridge.shared.problems;

/** One offending field of a request: its path (e.g. {@code recipients[3].fields.grade}) and what is wrong with it. */
public record FieldError(String field, String detail) {
}
