package io.certbridge.mail;

import io.certbridge.shared.csv.CsvReader;
import io.certbridge.shared.csv.CsvReader.CsvRecord;
import io.certbridge.mail.IssuanceMail.Row;
import io.certbridge.mail.TemplateKeys.Key;
import io.certbridge.mail.TemplateKeys.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The recipients in a CSV attachment: the header names the columns name and email and the template's
 * fields, in any order; each following non-empty row is a recipient. A recipient's number is its row as a
 * spreadsheet shows the file, the header being row 1 and empty rows counted, so that the reply names the row
 * the sender sees. Empty cells past the header's last column (trailing separators) are allowed, cells with
 * text there are not. What is wrong with the file itself names the line of its text.
 */
record CsvRecipients(List<Row> rows, List<String> problems) {

    /** {@code label} begins the sentences about the file; no more than {@code atMost} rows are read. */
    static CsvRecipients read(String text, String label, TemplateKeys keys, int atMost) {
        CsvReader reader = new CsvReader(text);
        try {
            int rowNumber = 1;
            CsvRecord header = reader.next();
            while (header != null && header.blank()) {
                header = reader.next();
                rowNumber++;
            }
            if (header == null) {
                return problem(label + " is empty");
            }
            List<String> problems = new ArrayList<>();
            List<Key> columns = columns(header, keys, label, problems);
            if (!problems.isEmpty()) {
                return new CsvRecipients(List.of(), problems);
            }
            List<Row> rows = new ArrayList<>();
            for (CsvRecord record = reader.next(); record != null && rows.size() < atMost; record = reader.next()) {
                rowNumber++;
                if (record.blank()) {
                    continue;
                }
                List<String> cells = record.cells();
                if (cells.subList(Math.min(columns.size(), cells.size()), cells.size()).stream()
                        .anyMatch(cell -> !cell.isBlank())) {
                    return problem(label + ", line " + record.line() + ": " + cells.size()
                            + " cells, but the header has " + columns.size());
                }
                RecipientRow row = new RecipientRow(rowNumber, keys);
                for (int i = 0; i < Math.min(columns.size(), cells.size()); i++) {
                    if (columns.get(i) != null) {
                        row.put(columns.get(i), cells.get(i));
                    }
                }
                rows.add(row.row());
            }
            return new CsvRecipients(rows, List.of());
        } catch (CsvReader.Malformed e) {
            return problem(label + ", " + e.getMessage());
        }
    }

    /** The key of each column; null for a column without a name. */
    private static List<Key> columns(CsvRecord header, TemplateKeys keys, String label, List<String> problems) {
        String where = label + ", line " + header.line() + ": ";
        List<Key> columns = new ArrayList<>();
        Set<Key> seen = new HashSet<>();
        for (String cell : header.cells()) {
            Key key = cell.isBlank() ? null : keys.key(cell.strip());
            columns.add(key);
            if (key == null) {
                continue;
            }
            if (key.role() == Role.UNKNOWN) {
                problems.add(where + keys.notAField(key));
            } else if (!seen.add(key)) {
                problems.add(where + "the column " + key.name() + " appears twice");
            }
        }
        for (Key required : List.of(TemplateKeys.NAME, TemplateKeys.EMAIL)) {
            if (!seen.contains(required)) {
                problems.add(where + "the header has no " + required.name() + " column");
            }
        }
        return columns;
    }

    private static CsvRecipients problem(String problem) {
        return new CsvRecipients(List.of(), List.of(problem));
    }
}
