package io.certbridge.shared.csv;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes CSV for people to open in a spreadsheet: RFC 4180 quoting, CRLF line ends, and a cell that starts with
 * = + - @ (or a tab or carriage return) prefixed with ' so that a spreadsheet shows it as text instead of running it
 * as a formula (CSV injection): a learner's name is text the hub does not control.
 */
public final class CsvCells {

    private CsvCells() {
    }

    public static String line(List<String> cells) {
        return cells.stream().map(CsvCells::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.matches("(?s).*[,\"\r\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
