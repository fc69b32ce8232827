package io.certbridge.shared.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV text record by record as RFC 4180 has it: a cell in double quotes may hold separators, line
 * breaks and doubled quotes. The separator is "," or ";" (Excel writes ";" where the decimal mark is a
 * comma), whichever the first line holds more of outside quotes. Spaces around a quoted cell are allowed. A UTF-8
 * byte order mark, which Excel writes at the start of "CSV UTF-8", is not part of the first cell.
 */
public final class CsvReader {

    /** A record and the line it begins on; a cell's line breaks read as "\n". */
    public record CsvRecord(int line, List<String> cells) {

        public boolean blank() {
            return cells.stream().allMatch(String::isBlank);
        }
    }

    /** Why the text is not CSV, naming the line: "line 4: a quoted cell is not closed". */
    public static final class Malformed extends Exception {

        Malformed(int line, String what) {
            super("line " + line + ": " + what);
        }
    }

    private final String text;
    private final char separator;
    private int position;
    private int line = 1;

    public CsvReader(String text) {
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.separator = separator(this.text);
    }

    /** The separator between cells: "," or ";". */
    public char separator() {
        return separator;
    }

    /** The next record, or null after the last. */
    public CsvRecord next() throws Malformed {
        if (position >= text.length()) {
            return null;
        }
        int recordLine = line;
        List<String> cells = new ArrayList<>();
        cells.add(cell());
        while (position < text.length() && text.charAt(position) == separator) {
            position++;
            cells.add(cell());
        }
        endLine();
        return new CsvRecord(recordLine, cells);
    }

    private String cell() throws Malformed {
        int start = position;
        skipSpaces();
        if (position < text.length() && text.charAt(position) == '"') {
            return quoted();
        }
        position = start;
        while (position < text.length() && !endsCell(text.charAt(position))) {
            position++;
        }
        return text.substring(start, position);
    }

    private String quoted() throws Malformed {
        int opened = line;
        position++;
        StringBuilder cell = new StringBuilder();
        while (true) {
            if (position >= text.length()) {
                throw new Malformed(opened, "a quoted cell is not closed");
            }
            char c = text.charAt(position++);
            if (c == '"') {
                if (position < text.length() && text.charAt(position) == '"') {
                    cell.append('"');
                    position++;
                } else {
                    break;
                }
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && position < text.length() && text.charAt(position) == '\n') {
                    position++;
                }
                line++;
                cell.append('\n');
            } else {
                cell.append(c);
            }
        }
        skipSpaces();
        if (position < text.length() && !endsCell(text.charAt(position))) {
            throw new Malformed(line, "a quoted cell must end at a \"" + separator + "\" or at the end of the line");
        }
        return cell.toString();
    }

    private void skipSpaces() {
        while (position < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == '\t')) {
            position++;
        }
    }

    private boolean endsCell(char c) {
        return c == separator || c == '\r' || c == '\n';
    }

    private void endLine() {
        if (position < text.length()) {
            if (text.startsWith("\r\n", position)) {
                position++;
            }
            position++;
            line++;
        }
    }

    private static char separator(String text) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\r' || c == '\n')) {
                break;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }
}
