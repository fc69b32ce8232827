package io.certbridge.issuers.vec;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Locale;

/**
 * A certificate as VEC.digital's vault holds it: title (the template's name), recipient, issue date and details.
 * {@link #key()} is what VEC.digital keeps unique (its duplicate prevention), and so what the hub finds a
 * certificate by at VEC.digital.
 */
record VaultEntry(String certificateId, String title, String fullName, String email, LocalDate issueDate,
                  String details) {

    /** Applicant email in any case, title and issue date: one vault certificate each. */
    record Key(String email, String title, LocalDate issueDate) {

        Key {
            email = email.strip().toLowerCase(Locale.ROOT);
            title = title.strip();
        }

        /** The key of a vault certificate as the list, view and upload answers show it. */
        static Key of(JsonNode item) {
            return new Key(item.path("applicant_email").asText(), item.path("certificate_title").asText(),
                    LocalDate.parse(item.path("issue_date").asText()));
        }
    }

    Key key() {
        return new Key(email, title, issueDate);
    }

    String fileName() {
        return certificateId + ".pdf";
    }
}
