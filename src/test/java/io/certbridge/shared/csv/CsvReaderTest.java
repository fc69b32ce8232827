package io.certbridge.shared.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certbridge.shared.csv.CsvReader.CsvRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<CsvRecord> read(String text) throws CsvReader.Malformed {
        CsvReader reader = new CsvReader(text);
        List<CsvRecord> records = new ArrayList<>();
        for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
            records.add(record);
        }
        return records;
    }

    @Test
    void quotedCellsHoldSeparatorsQuotesAndLineBreaks() throws Exception {
        List<CsvRecord> records = read("a,b\r\n\"x, y\",\"say \"\"hi\"\"\r\nagain\"\r\nlast,row");

        assertThat(records).extracting(CsvRecord::cells).containsExactly(List.of("a", "b"),
                List.of("x, y", "say \"hi\"\nagain"), List.of("last", "row"));
        assertThat(records).extracting(CsvRecord::line).containsExactly(1, 2, 4);
    }

    @Test
    void theSeparatorIsWhicheverTheHeaderHasMoreOfOutsideQuotes() throws Exception {
        assertThat(read("\"a,b\";c;d\n1,5;2;3").get(1).cells()).containsExactly("1,5", "2", "3");
        assertThat(read("a,b;c\n1,2;3").get(1).cells()).containsExactly("1", "2;3");
    }

    @Test
    void excelsByteOrderMarkIsNotPartOfTheFirstCellAndEmptyLinesAreBlankRecords() throws Exception {
        List<CsvRecord> records = read("\uFEFFName;Email\r\n\r\nAda;ada@example.org\r\n");

        assertThat(records.getFirst().cells()).containsExactly("Name", "Email");
        assertThat(records.get(1).blank()).isTrue();
        assertThat(records.get(2).line()).isEqualTo(3);
    }

    @Test
    void anUnclosedQuoteOrTextAfterAClosingQuoteNamesItsLine() {
        assertThatThrownBy(() -> read("a\n\"open\nstill")).hasMessage("line 2: a quoted cell is not closed");
        assertThatThrownBy(() -> read("a,b\n\"x\"y,z")).hasMessageStartingWith("line 2: a quoted cell must end");
    }
}
