package io.certbridge.emulator.vec;

import io.certbridge.emulator.vec.VaultCertificate.Key;
import io.certbridge.emulator.vec.VaultCertificate.StoredFile;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The institution's vault certificates and the files uploaded for bulk; used under the emulator's monitor. */
final class VaultStore {

    /** What a client sends for one certificate, validated. */
    record Entry(String certificateTitle, String fullName, String applicantEmail, LocalDate issueDate, String details) {

        Key key() {
            return new Key(applicantEmail, certificateTitle, issueDate);
        }
    }

    private final Map<String, VaultCertificate> byUuid = new LinkedHashMap<>();
    private final Map<Key, String> uuidByKey = new HashMap<>();
    private final Map<String, StoredFile> uploads = new HashMap<>();
    /** Creations per (lower-case email, title), whatever the issue date: the hub must create each recipient once. */
    private final Map<List<String>, Integer> creations = new HashMap<>();
    private long lastId;
    private long lastUniqid;

    StoredFile upload(String fileName, String mimeType, byte[] content) {
        StoredFile file = new StoredFile(UUID.randomUUID().toString(), fileName, mimeType, content);
        uploads.put(file.fileId(), file);
        return file;
    }

    StoredFile uploaded(String fileId) {
        return uploads.get(fileId);
    }

    /** A bulk upload moves its files out of temporary storage: a file id serves one bulk request. */
    void consumeUpload(String fileId) {
        uploads.remove(fileId);
    }

    boolean exists(Key key) {
        return uuidByKey.containsKey(key);
    }

    VaultCertificate create(Entry entry, StoredFile file, String triggerContext, String batchId, Instant now) {
        VaultCertificate created = new VaultCertificate(++lastId, UUID.randomUUID().toString(), referenceId(now),
                entry.certificateTitle(), entry.fullName(), entry.applicantEmail(), entry.issueDate(), entry.details(),
                triggerContext, batchId, file, "processing", now, now, null);
        put(created);
        uuidByKey.put(created.key(), created.uuid());
        creations.merge(recipient(entry.applicantEmail(), entry.certificateTitle()), 1, Integer::sum);
        return created;
    }

    VaultCertificate get(String uuid) {
        return byUuid.get(uuid);
    }

    void put(VaultCertificate certificate) {
        byUuid.put(certificate.uuid(), certificate);
    }

    /** Every certificate, oldest first. */
    List<VaultCertificate> all() {
        return List.copyOf(byUuid.values());
    }

    /**
     * The list endpoint's filters, newest first: exact status, applicant email (any case), and a search term found
     * (any case) in the reference id, title, full name or email; {@code null} filters nothing.
     */
    List<VaultCertificate> find(String status, String applicantEmail, String search) {
        String term = search == null ? null : search.toLowerCase(Locale.ROOT);
        List<VaultCertificate> found = new ArrayList<>();
        for (VaultCertificate c : byUuid.values()) {
            boolean matches = (status == null || c.status().equals(status))
                    && (applicantEmail == null || c.applicantEmail().equalsIgnoreCase(applicantEmail))
                    && (term == null || contains(term, c.referenceId(), c.certificateTitle(), c.fullName(),
                    c.applicantEmail()));
            if (matches) {
                found.add(0, c);
            }
        }
        return found;
    }

    int timesCreated(String applicantEmail, String certificateTitle) {
        return creations.getOrDefault(recipient(applicantEmail, certificateTitle), 0);
    }

    void clear() {
        byUuid.clear();
        uuidByKey.clear();
        uploads.clear();
        creations.clear();
    }

    private static List<String> recipient(String applicantEmail, String certificateTitle) {
        return List.of(applicantEmail.toLowerCase(Locale.ROOT), certificateTitle);
    }

    private static boolean contains(String term, String... values) {
        for (String value : values) {
            if (value.toLowerCase(Locale.ROOT).contains(term)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code VEC-IC-} + the year + 13 upper-case hex digits, as in the document's {@code VEC-IC-202567DAE48425BAD}:
     * the year and PHP's {@code uniqid()} (8 hex digits of seconds, 5 of microseconds), kept increasing.
     */
    private String referenceId(Instant now) {
        long uniqid = (now.getEpochSecond() << 20) | (now.getNano() / 1000);
        lastUniqid = Math.max(uniqid, lastUniqid + 1);
        return "VEC-IC-" + now.atZone(ZoneOffset.UTC).getYear() + String.format("%013X", lastUniqid);
    }
}
