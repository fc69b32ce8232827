package io.certbridge.issuance;

import java.util.Map;

/**
 * One place a certificate is to be written back to: the Kamelet that writes it ({@code connector}) and
 * what it needs to know to find the place, as its {@link WritebackType} derived it from the event (a Canvas
 * user and course, a Moodle user and profile field, a Salesforce record and the fields that take the
 * certificate's values).
 */
public record WritebackTarget(String connector, Map<String, Object> target) {
}
