package io.certbridge.issuance;

import java.util.Map;
import java.util.Set;

/**
 * One place a certificate is to be written back to: the Kamelet that writes it ({@code connector}) and
 * what it needs to know to find the place (a Canvas user and course, a Moodle user and profile field, a
 * Salesforce record and the fields that take the certificate's values).
 */
public record WritebackTarget(String connector, Map<String, Object> target) {

    public static final String CANVAS_CUSTOM_DATA = "canvas-custom-data-sink";
    public static final String CANVAS_SUBMISSION_COMMENT = "canvas-submission-comment-sink";
    public static final String MOODLE_PROFILE_FIELD = "moodle-update-user-sink";
    public static final String SALESFORCE_RECORD = "salesforce-update-sobject-sink";
    public static final Set<String> CONNECTORS =
            Set.of(CANVAS_CUSTOM_DATA, CANVAS_SUBMISSION_COMMENT, MOODLE_PROFILE_FIELD, SALESFORCE_RECORD);
}
