package io.certbridge.issuance.csv;

import io.certbridge.shared.csv.CsvReader;
import io.certbridge.shared.csv.CsvReader.CsvRecord;
import io.certbridge.shared.problems.InvalidInput;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file's header and its non-empty rows, as Excel and other spreadsheets write them: UTF-8 with or without a
 * byte order mark, or else Windows-1252 (Excel's "CSV (Comma delimited)" on a Western European Windows); "," or ";"
 * between cells; CRLF or LF; quoted cells with separators, quotes and line breaks. {@code line} is where a row
 * starts in the file, the header's first line being 1, as a spreadsheet numbers rows.
 */
record CsvRows(List<String> columns, List<CsvRecord> rows, char separator) {

    static final String MALFORMED = "csv_malformed";

    /** @throws InvalidInput csv_malformed, csv_empty, or too_many_recipients past {@code maxRows} rows */
    static CsvRows read(byte[] file, int maxRows) {
        CsvReader reader = new CsvReader(text(file));
        try {
            CsvRecord header = reader.next();
            while (header != null && header.blank()) {
                header = reader.next();
            }
            if (header == null) {
                throw new InvalidInput("csv_empty", "The file is empty", "file");
            }
            List<String> columns = header.cells().stream().map(String::strip).toList();
            List<CsvRecord> rows = new ArrayList<>();
            for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
                if (record.blank()) {
                    continue;
                }
                if (rows.size() == maxRows) {
                    throw new InvalidInput("too_many_recipients", "Too many recipients",
                            "A batch holds at most " + maxRows + " recipients; the file has more rows", List.of());
                }
                rows.add(record);
            }
            return new CsvRows(columns, rows, reader.separator());
        } catch (CsvReader.Malformed e) {
            throw new InvalidInput(MALFORMED, "The file is not CSV: " + e.getMessage(), "file");
        }
    }

    private static String text(byte[] file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
        } catch (CharacterCodingException e) {
            return new String(file, Charset.forName("windows-1252"));
        }
    }
}
