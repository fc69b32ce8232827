package io.certbridge.mail;

import io.certbridge.mail.IssuanceMail.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * The plain-text body of an issuance mail as blocks of "Key: value" lines, separated by blank lines: the
 * secrets, from blocks that hold only "Secret: &lt;value&gt;", and one block per recipient. Quoted lines
 * ("&gt; ...") are skipped, and the signature delimiter "-- " ends the body.
 */
record BodyBlocks(List<String> secrets, List<List<String>> recipients) {

    static final BodyBlocks NONE = new BodyBlocks(List.of(), List.of());

    private static final int MAX_QUOTED_LINE = 60;

    static BodyBlocks of(List<String> lines) {
        List<String> secrets = new ArrayList<>();
        List<List<String>> recipients = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String line : lines) {
            if (line.stripTrailing().equals("--")) {
                break;
            }
            if (line.startsWith(">")) {
                continue;
            }
            if (line.isBlank()) {
                add(block, secrets, recipients);
                block = new ArrayList<>();
            } else {
                block.add(line);
            }
        }
        add(block, secrets, recipients);
        return new BodyBlocks(secrets, recipients);
    }

    /** The recipients, numbered from 1; no more than {@code atMost}, so that a flood is not read in full. */
    List<Row> rows(TemplateKeys keys, int atMost) {
        List<Row> rows = new ArrayList<>();
        for (List<String> block : recipients.subList(0, Math.min(atMost, recipients.size()))) {
            RecipientRow row = new RecipientRow(rows.size() + 1, keys);
            for (String line : block) {
                int colon = line.indexOf(':');
                if (colon < 0 || line.substring(0, colon).isBlank()) {
                    row.problem(quoted(line.strip()) + " is not a \"Key: value\" line");
                } else {
                    row.put(keys.key(line.substring(0, colon).strip()), line.substring(colon + 1));
                }
            }
            rows.add(row.row());
        }
        return rows;
    }

    private static void add(List<String> block, List<String> secrets, List<List<String>> recipients) {
        if (block.isEmpty()) {
            return;
        }
        String line = block.getFirst();
        int colon = line.indexOf(':');
        if (block.size() == 1 && colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("secret")) {
            secrets.add(line.substring(colon + 1).strip());
        } else {
            recipients.add(block);
        }
    }

    private static String quoted(String line) {
        return "\"" + (line.length() > MAX_QUOTED_LINE ? line.substring(0, MAX_QUOTED_LINE) + "…" : line) + "\"";
    }
}
