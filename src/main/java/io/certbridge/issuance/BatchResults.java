package io.certbridge.issuance;

import io.certbridge.shared.Environment;
import io.certbridge.shared.csv.CsvCells;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A batch's outcome as a CSV file for a spreadsheet: one line per recipient, in the batch's order, with the
 * certificate issued and its status now, or why none was issued. Starts with a UTF-8 byte order mark, without which
 * Excel reads the file in the computer's legacy code page; cells are escaped against formula injection.
 */
@Component
public class BatchResults {

    public static final List<String> HEADER = List.of("row", "line", "name", "email", "status", "certificate_id",
            "verification_url", "error");

    /** "recipients[3].email is …" reads "email is …" on the line of recipient 3. */
    private static final Pattern ROW_PATH = Pattern.compile("recipients\\[\\d+]\\.");

    private record Line(int index, Integer line, String name, String email, String certificateId, String error) {
    }

    private final JdbcClient jdbc;
    private final Batches batches;
    private final Certificates certificates;

    BatchResults(JdbcClient jdbc, Batches batches, Certificates certificates) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.certificates = certificates;
    }

    /** The results of the caller's environment's batch; empty when it has no such batch. */
    public Optional<String> csv(String batchId, Environment environment) {
        return batches.find(batchId, environment).map(batch -> csv(batchId));
    }

    private String csv(String batchId) {
        List<Line> lines = jdbc.sql("""
                        select i, r.line, r.name, r.email, c.id, e.detail
                        from batches b cross join generate_series(0, b.total - 1) as i
                        left join batch_recipients r on r.batch_id = b.id and r.batch_index = i
                        left join certificates c on c.batch_id = b.id and c.batch_index = i
                        left join batch_errors e on e.batch_id = b.id and e.batch_index = i
                        where b.id = ? order by i""")
                .param(batchId)
                .query((rs, n) -> new Line(rs.getInt(1), (Integer) rs.getObject(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .list();
        List<String> ids = lines.stream().map(Line::certificateId).filter(id -> id != null).toList();
        Map<String, Certificate> issued = certificates.findAll(ids).stream()
                .collect(Collectors.toMap(Certificate::id, Function.identity()));
        StringBuilder csv = new StringBuilder("\uFEFF").append(CsvCells.line(HEADER));
        for (Line line : lines) {
            Certificate certificate = line.certificateId() == null ? null : issued.get(line.certificateId());
            List<String> cells = new ArrayList<>(Arrays.asList(String.valueOf(line.index()),
                    line.line() == null ? null : String.valueOf(line.line()),
                    line.name() != null || certificate == null ? line.name() : certificate.recipient().name(),
                    line.email() != null || certificate == null ? line.email() : certificate.recipient().email(),
                    certificate != null ? certificate.status() : line.error() != null ? "failed" : "pending",
                    line.certificateId(), certificate == null ? null : certificate.verificationUrl(),
                    line.error() == null ? null : ROW_PATH.matcher(line.error()).replaceAll("")));
            csv.append(CsvCells.line(cells));
        }
        return csv.toString();
    }
}
