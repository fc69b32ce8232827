package io.certbridge.shared.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @Test
    void cellsAreQuotedAsRfc4180HasItAndLinesEndInCrlf() {
        assertThat(CsvCells.line(Arrays.asList("plain", "a,b", "say \"hi\"", "two\nlines", null)))
                .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
    }

    @Test
    void whatASpreadsheetWouldRunAsAFormulaIsWrittenAsText() {
        assertThat(CsvCells.cell("=HYPERLINK(\"http://evil.example\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\")\"");
        assertThat(CsvCells.cell("+1")).isEqualTo("'+1");
        assertThat(CsvCells.cell("-2")).isEqualTo("'-2");
        assertThat(CsvCells.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(CsvCells.cell("Ada = Lovelace")).isEqualTo("Ada = Lovelace");
    }
}
