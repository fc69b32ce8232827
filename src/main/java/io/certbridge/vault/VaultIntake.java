package io.certbridge.vault;

import io.certbridge.api.ApiSettings;
import io.certbridge.issuance.Certificate.Recipient;
import io.certbridge.shared.Environment;
import io.certbridge.shared.Ids;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.InvalidInput;
import io.certbridge.shared.problems.ValidationFailed;
import io.certbridge.template.FieldValues;
import io.certbridge.template.Template;
import io.certbridge.template.Templates;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes certificates into the vault: one with its file, or a batch of entries naming files uploaded before. Each is
 * checked whole before anything is stored (a batch's problems point at its entries), stored processing, and left to
 * {@link VaultProcessing}.
 */
@Component
class VaultIntake {

    private static final int MAX_TEXT = 255;
    private static final Pattern ENTRY_INDEX = Pattern.compile("^entries\\[(\\d+)]");

    /** An entry's fields as the caller sent them. */
    record Fields(String recipientName, String recipientEmail, String title, String issueDate) {
    }

    /** An entry of a batch: its fields, and the file uploaded for it. */
    record BatchEntry(String fileId, String recipientName, String recipientEmail, String title, String issueDate) {

        Fields fields() {
            return new Fields(recipientName, recipientEmail, title, issueDate);
        }
    }

    private final Templates templates;
    private final VaultFiles files;
    private final VaultRecords records;
    private final VaultBatches batches;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int maxBatchEntries;

    VaultIntake(Templates templates, VaultFiles files, VaultRecords records, VaultBatches batches,
                TransactionTemplate tx, Clock clock, ApiSettings api) {
        this.templates = templates;
        this.files = files;
        this.records = records;
        this.batches = batches;
        this.tx = tx;
        this.clock = clock;
        this.maxBatchEntries = api.maxBatchRecipients();
    }

    /** Stores a certificate and its file, processing. */
    VaultEntry deposit(Environment environment, String templateId, Fields fields, DocumentKind kind, byte[] content) {
        List<FieldError> errors = new ArrayList<>(templateProblems(templateId));
        errors.addAll(problems(fields, ""));
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        records.existing(environment, List.of(key(fields))).values().stream().findFirst().ifPresent(existing -> {
            throw new DuplicateEntry(existing);
        });
        return tx.execute(status -> {
            VaultFile file = files.store(environment, kind, content);
            VaultRecords.NewEntry entry = newEntry(environment, templateId, file.fileId(), null, null, fields);
            storeOrRefuse(environment, List.of(entry));
            return records.find(entry.id(), environment).orElseThrow();
        });
    }

    /** Stores a batch of entries whose files were uploaded before, processing; any problem refuses the whole batch. */
    VaultBatch submit(Environment environment, String templateId, List<BatchEntry> entries) {
        List<FieldError> errors = new ArrayList<>(templateProblems(templateId));
        if (entries == null || entries.isEmpty() || entries.size() > maxBatchEntries) {
            errors.add(new FieldError("entries", "must hold 1 to " + maxBatchEntries + " entries"));
            throw new ValidationFailed(errors);
        }
        Map<Integer, BatchEntry> withFiles = new LinkedHashMap<>();
        Map<Integer, BatchEntry> checked = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            BatchEntry entry = entries.get(i);
            String path = "entries[" + i + "]";
            if (entry == null) {
                errors.add(new FieldError(path, "is required"));
                continue;
            }
            if (entry.fileId() == null || entry.fileId().isBlank()) {
                errors.add(new FieldError(path + ".file_id", "is required"));
            } else {
                withFiles.put(i, entry);
            }
            List<FieldError> fieldErrors = problems(entry.fields(), path + ".");
            errors.addAll(fieldErrors);
            if (fieldErrors.isEmpty()) {
                checked.put(i, entry);
            }
        }
        errors.addAll(fileProblems(environment, withFiles));
        List<FieldError> duplicates = duplicateProblems(environment, checked);
        errors.addAll(duplicates);
        errors.sort(Comparator.comparing(VaultIntake::entryIndex));
        if (!errors.isEmpty()) {
            throw errors.size() == duplicates.size() ? new InvalidInput(DuplicateEntry.CODE, "The request is invalid",
                    ValidationFailed.summary(errors), errors) : new ValidationFailed(errors);
        }
        return tx.execute(status -> {
            String batchId = batches.create(environment, templateId, entries.size());
            List<VaultRecords.NewEntry> stored = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                stored.add(newEntry(environment, templateId, entries.get(i).fileId(), batchId, i,
                        entries.get(i).fields()));
            }
            storeOrRefuse(environment, stored);
            return batches.find(batchId, environment).orElseThrow();
        });
    }

    /** Where an error points: its entry's index, or -1 for the batch's own fields (they come first). */
    private static int entryIndex(FieldError error) {
        Matcher matcher = ENTRY_INDEX.matcher(error.field());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /** Each file must be one of this environment's uploads, used by no other entry, in this batch or before. */
    private List<FieldError> fileProblems(Environment environment, Map<Integer, BatchEntry> entries) {
        List<String> ids = entries.values().stream().map(BatchEntry::fileId).toList();
        Map<String, VaultFile> found = files.findAll(ids, environment);
        Map<String, String> used = records.usingFiles(ids);
        Map<String, Integer> firstUse = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (var indexed : entries.entrySet()) {
            int i = indexed.getKey();
            String fileId = indexed.getValue().fileId();
            String path = "entries[" + i + "].file_id";
            Integer earlier = firstUse.putIfAbsent(fileId, i);
            if (!found.containsKey(fileId)) {
                errors.add(new FieldError(path, "is not a file uploaded to the vault (POST /v1/vault/files) with a "
                        + environment.value() + " key"));
            } else if (used.containsKey(fileId)) {
                errors.add(new FieldError(path, "is the file of vault entry " + used.get(fileId)));
            } else if (earlier != null) {
                errors.add(new FieldError(path, "is the file of entries[" + earlier + "] too"));
            }
        }
        return errors;
    }

    /** An entry may not repeat one the vault has, nor one before it in the batch. */
    private List<FieldError> duplicateProblems(Environment environment, Map<Integer, BatchEntry> entries) {
        Map<Integer, VaultRecords.Key> keys = new LinkedHashMap<>();
        entries.forEach((i, entry) -> keys.put(i, key(entry.fields())));
        Map<VaultRecords.Key, String> existing = records.existing(environment, keys.values());
        Map<VaultRecords.Key, Integer> firstUse = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (var indexed : keys.entrySet()) {
            int i = indexed.getKey();
            VaultRecords.Key key = indexed.getValue();
            Integer earlier = firstUse.putIfAbsent(key, i);
            String path = "entries[" + i + "]";
            if (existing.containsKey(key)) {
                String id = existing.get(key);
                errors.add(new FieldError(path, "duplicates vault entry " + id + " (" + DuplicateEntry.address(id)
                        + "): the same recipient e-mail, title and issue date"));
            } else if (earlier != null) {
                errors.add(new FieldError(path, "duplicates entries[" + earlier
                        + "]: the same recipient e-mail, title and issue date"));
            }
        }
        return errors;
    }

    /** Stores the entries; one whose key or file another request took meanwhile refuses them all. */
    private void storeOrRefuse(Environment environment, List<VaultRecords.NewEntry> entries) {
        Set<String> lost = records.insertAll(entries);
        if (lost.isEmpty()) {
            return;
        }
        VaultRecords.NewEntry first = entries.stream().filter(e -> lost.contains(e.id())).findFirst().orElseThrow();
        String existing = records.existing(environment, List.of(first.key())).get(first.key());
        throw existing != null ? new DuplicateEntry(existing)
                : new ValidationFailed("file_id", "was taken by another entry meanwhile");
    }

    private VaultRecords.NewEntry newEntry(Environment environment, String templateId, String fileId, String batchId,
                                           Integer batchIndex, Fields fields) {
        return new VaultRecords.NewEntry(Ids.newId("vault"), environment, templateId, fileId, batchId, batchIndex,
                new Recipient(fields.recipientName().strip(), fields.recipientEmail().strip()), fields.title().strip(),
                LocalDate.parse(fields.issueDate()), Ids.newId("cert"));
    }

    /** The template gives the description, criteria, validity and e-mail delivery; the credential is the hub's own. */
    private List<FieldError> templateProblems(String templateId) {
        if (templateId == null || templateId.isBlank()) {
            return List.of(new FieldError("template_id", "is required"));
        }
        Optional<Template> template = templates.find(templateId);
        if (template.isEmpty()) {
            return List.of(new FieldError("template_id", "is not a known template"));
        }
        if (template.get().issuer() != null) {
            return List.of(new FieldError("template_id", "issues through " + template.get().issuer()
                    + "; the vault issues the hub's own credentials, from a template without an issuer"));
        }
        return List.of();
    }

    private List<FieldError> problems(Fields fields, String path) {
        List<FieldError> errors = new ArrayList<>();
        for (FieldError error : FieldValues.checkRecipient(fields.recipientName(), fields.recipientEmail(),
                path + "recipient")) {
            errors.add(new FieldError(error.field().replace(path + "recipient.", path + "recipient_"), error.detail()));
        }
        FieldValues.checkText(fields.title(), MAX_TEXT, path + "title").ifPresent(errors::add);
        issueDateProblem(fields.issueDate()).ifPresent(detail -> errors.add(new FieldError(path + "issue_date", detail)));
        return errors;
    }

    /** An issue date may be today anywhere on Earth, which is tomorrow in UTC, but no later. */
    private Optional<String> issueDateProblem(String issueDate) {
        if (issueDate == null || issueDate.isBlank()) {
            return Optional.of("is required (an ISO 8601 date, YYYY-MM-DD)");
        }
        try {
            LocalDate date = LocalDate.parse(issueDate);
            return date.isAfter(LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1))
                    ? Optional.of("is in the future: the vault takes certificates already issued") : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.of("must be an ISO 8601 date (YYYY-MM-DD)");
        }
    }

    /** An entry's duplicate key, from fields that passed their checks. */
    private static VaultRecords.Key key(Fields fields) {
        return new VaultRecords.Key(fields.recipientEmail().strip(), fields.title().strip(),
                LocalDate.parse(fields.issueDate()));
    }
}
