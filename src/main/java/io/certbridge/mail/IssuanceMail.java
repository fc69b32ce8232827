package io.certbridge.mail;

import java.util.List;
import java.util.Map;

/**
 * What an issuance e-mail asks for: certificates of the template its subject names, for the recipients in
 * its rows. {@code secret} is the sender's secret from the subject or the body, or null. {@code problems}
 * says in words why the mail as a whole cannot be acted on; each row carries its own problems, both ready to
 * go into the reply to the sender.
 */
public record IssuanceMail(String templateRef, String secret, List<Row> rows, List<String> problems) {

    /**
     * One recipient as the mail gives it: {@code number} is the row the sender sees (the body's recipient blocks
     * counted from 1, or the CSV file's row, its header being row 1), {@code fields} holds the template's field values by the template's field
     * names, as the text the sender wrote; name and email are null when missing.
     */
    public record Row(int number, String name, String email, Map<String, String> fields, List<String> problems) {
    }

    public IssuanceMail {
        rows = List.copyOf(rows);
        problems = List.copyOf(problems);
    }

    public boolean readable() {
        return problems.isEmpty();
    }
}
