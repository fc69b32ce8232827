package io.certbridge.issuance.csv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.certbridge.api.ApiSettings;
import io.certbridge.issuance.BatchController.BatchRecipient;
import io.certbridge.issuance.BatchController.CreateBatch;
import io.certbridge.issuance.BatchSubmission;
import io.certbridge.issuance.Certificate.Recipient;
import io.certbridge.issuance.UnknownTemplate;
import io.certbridge.shared.Environment;
import io.certbridge.shared.csv.CsvReader.CsvRecord;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.InvalidInput;
import io.certbridge.shared.problems.ValidationFailed;
import io.certbridge.template.BidiControls;
import io.certbridge.template.FieldConversion;
import io.certbridge.template.FieldValues;
import io.certbridge.template.Template;
import io.certbridge.template.Template.FieldType;
import io.certbridge.template.Templates;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Batches from CSV files: each row read through a column mapping and checked as issuance will check it, shown
 * before anything is issued ({@link #preview}), then issued as one batch ({@link #submit}) like
 * {@code POST /v1/certificates/batch}.
 */
@Component
public class CsvUploads {

    /** What is wrong with one value of a row: {@code field} is recipient.name, recipient.email, fields.x or expires_at. */
    public record RowError(String field, String code, String detail) {
    }

    /** A row as it would be issued; {@code index} counts the non-empty rows from 0, {@code line} is the file's. */
    public record Row(int index, int line, Recipient recipient, Map<String, JsonNode> fields, Instant expiresAt,
                      List<RowError> errors) {

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** The rows and how the columns were read: {@code mapping} is the one given or, if none was, the suggested one. */
    public record Preview(String object, String templateId, List<String> columns, Map<String, String> mapping,
                          boolean mappingSuggested, int total, int valid, int invalid, List<Row> rows) {
    }

    /** The batch accepted; {@code skippedLines} are the invalid rows left out. */
    public record Submitted(String id, String object, boolean livemode, String status, String templateId, int total,
                            List<Integer> skippedLines) {
    }

    private static final int ERRORS_LISTED = 100;
    private static final Pattern DECIMAL_COMMA = Pattern.compile("-?[0-9]+,[0-9]+");

    private final Templates templates;
    private final BatchSubmission submission;
    private final Clock clock;
    private final int maxRows;

    CsvUploads(Templates templates, BatchSubmission submission, Clock clock, ApiSettings settings) {
        this.templates = templates;
        this.submission = submission;
        this.clock = clock;
        this.maxRows = settings.maxBatchRecipients();
    }

    /**
     * @param mapping the column mapping, or null to use the one suggested by the header's names
     * @throws InvalidInput (422) for an unknown template, a file that is not CSV or is empty, more rows than a batch
     *                      holds (too_many_recipients), or a mapping that does not fit the file and the template
     */
    public Preview preview(String templateId, byte[] file, Map<String, String> mapping) {
        Template template = template(templateId);
        CsvRows csv = CsvRows.read(file, maxRows);
        Map<String, String> used = mapping != null ? mapping : CsvMapping.suggest(csv.columns(), template);
        List<String> targets = CsvMapping.resolve(csv.columns(), used, template);
        List<Row> rows = new ArrayList<>(csv.rows().size());
        for (CsvRecord record : csv.rows()) {
            rows.add(row(rows.size(), record, csv.columns().size(), targets, template, csv.separator() == ';'));
        }
        int valid = (int) rows.stream().filter(Row::valid).count();
        return new Preview("csv_preview", template.id(), csv.columns(), used, mapping == null, rows.size(), valid,
                rows.size() - valid, rows);
    }

    /**
     * Issues the file's rows as one batch: every row must be valid, or else {@code skipInvalid} leaves the invalid
     * ones out.
     *
     * @throws InvalidInput as {@link #preview} does, and csv_rows_invalid naming {@code rows[i].<field>}
     */
    public Submitted submit(Environment environment, String templateId, byte[] file, Map<String, String> mapping,
                            boolean skipInvalid) {
        Preview preview = preview(templateId, file, mapping);
        List<Row> invalid = preview.rows().stream().filter(row -> !row.valid()).toList();
        if (preview.rows().isEmpty() || invalid.size() == preview.total()
                || !invalid.isEmpty() && !skipInvalid) {
            throw rowsInvalid(preview, invalid);
        }
        List<Row> issued = preview.rows().stream().filter(Row::valid).toList();
        List<BatchRecipient> recipients = issued.stream().map(row -> new BatchRecipient(row.recipient().name(),
                row.recipient().email(), row.fields(), row.expiresAt())).toList();
        String id = submission.submit(environment, new CreateBatch(templateId, recipients, null),
                issued.stream().map(Row::line).toList());
        return new Submitted(id, "batch", environment == Environment.LIVE, "processing", templateId,
                recipients.size(), invalid.stream().map(Row::line).toList());
    }

    private static InvalidInput rowsInvalid(Preview preview, List<Row> invalid) {
        if (preview.rows().isEmpty()) {
            return new InvalidInput("csv_empty", "The file has a header but no rows", "file");
        }
        List<FieldError> errors = invalid.stream().limit(ERRORS_LISTED).flatMap(row -> row.errors().stream()
                .map(e -> new FieldError("rows[" + row.index() + "]." + e.field(), e.detail()))).toList();
        String detail = invalid.size() + " of " + preview.total() + " rows cannot be issued"
                + (invalid.size() == preview.total() ? "" : "; correct them, or send skip_invalid=true to issue the others");
        return new InvalidInput("csv_rows_invalid", "Rows cannot be issued", detail, errors);
    }

    private Template template(String templateId) {
        if (templateId == null || templateId.isBlank()) {
            throw new ValidationFailed("template_id", "is required");
        }
        return templates.find(templateId).orElseThrow(() -> new UnknownTemplate(templateId));
    }

    /** @param decimalComma whether numbers may be written as Excel writes them where ";" separates cells: 97,5 */
    private Row row(int index, CsvRecord record, int columns, List<String> targets, Template template,
                    boolean decimalComma) {
        String name = null;
        String email = null;
        String expires = null;
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        List<RowError> errors = new ArrayList<>();
        List<String> cells = record.cells();
        for (int i = 0; i < cells.size(); i++) {
            String value = cells.get(i).strip();
            if (i >= columns) {
                if (!value.isEmpty()) {
                    errors.add(new RowError("row", "too_many_cells",
                            "has " + cells.size() + " cells, but the header has " + columns));
                    break;
                }
                continue;
            }
            String target = targets.get(i);
            if (target == null || value.isEmpty()) {
                continue;
            }
            switch (target) {
                case CsvMapping.NAME -> name = value;
                case CsvMapping.EMAIL -> email = value;
                case CsvMapping.EXPIRES_AT -> expires = value;
                default -> {
                    String field = target.substring(CsvMapping.FIELD.length());
                    template.fields().stream().filter(f -> f.name().equals(field)).findFirst().ifPresent(f -> {
                        String written = decimalComma && f.type() == FieldType.number
                                && DECIMAL_COMMA.matcher(value).matches() ? value.replace(',', '.') : value;
                        fields.put(field, FieldConversion.to(f.type(), TextNode.valueOf(written)));
                    });
                }
            }
        }
        List<FieldError> problems = new ArrayList<>(FieldValues.checkRecipient(name, email, "recipient"));
        problems.addAll(FieldValues.check(template, fields, "fields"));
        problems.forEach(problem -> errors.add(new RowError(problem.field(), code(problem), problem.detail())));
        Instant expiresAt = null;
        if (expires != null) {
            try {
                expiresAt = instant(expires);
                if (!expiresAt.isAfter(clock.instant())) {
                    errors.add(new RowError(CsvMapping.EXPIRES_AT, "invalid", "must be in the future: " + expires));
                }
            } catch (DateTimeParseException e) {
                errors.add(new RowError(CsvMapping.EXPIRES_AT, "invalid",
                        "must be a date (YYYY-MM-DD) or a date and time (ISO 8601): " + expires));
            }
        }
        return new Row(index, record.line(), new Recipient(name, email), fields, expiresAt, List.copyOf(errors));
    }

    /** A date alone is the start of that day, UTC. */
    private static Instant instant(String value) {
        return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                : OffsetDateTime.parse(value).toInstant();
    }

    private static String code(FieldError error) {
        return BidiControls.code(List.of(error)).equals(BidiControls.CODE) ? BidiControls.CODE
                : error.detail().startsWith("is required") ? "required" : "invalid";
    }
}
