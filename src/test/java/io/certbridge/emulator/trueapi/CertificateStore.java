package io.certbridge.emulator.trueapi;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The certificates issued, in creation order, and the e-mails TRUE sent their recipients. Not thread-safe. */
final class CertificateStore {

    /** One page of a list; {@code totalCount} counts every match, on all pages. */
    record Page(List<Certificate> certificates, boolean hasMore, int totalCount) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Certificate> certificates = new LinkedHashMap<>();
    private final List<SentEmail> emails = new ArrayList<>();
    private long sequence;

    Certificate issue(String templateId, Recipient recipient, String batchId, Instant now) {
        byte[] hash = new byte[32];
        RANDOM.nextBytes(hash);
        Certificate certificate = new Certificate(randomId("cert_"), ++sequence, templateId, recipient, batchId,
                "0x" + HexFormat.of().formatHex(hash), now);
        certificates.put(certificate.id, certificate);
        emails.add(new SentEmail(recipient.email(), recipient.name(), certificate.id, now));
        return certificate;
    }

    /** @throws ApiError 404 {@code not_found} */
    Certificate get(String id) {
        Certificate certificate = certificates.get(id);
        if (certificate == null) {
            throw ApiError.notFound("Certificate " + id + " not found");
        }
        return certificate;
    }

    /** @throws ApiError 400 {@code validation_error} when the cursor names no certificate */
    Page list(CertificateQuery query) {
        Certificate cursor = query.cursor() == null ? null : certificates.get(query.cursor());
        if (query.cursor() != null && cursor == null) {
            throw ApiError.validation("Invalid cursor " + query.cursor());
        }
        long after = cursor == null ? 0 : cursor.sequence;
        List<Certificate> matching = certificates.values().stream().filter(query::matches).toList();
        List<Certificate> rest = matching.stream().filter(c -> c.sequence > after).toList();
        return new Page(rest.subList(0, Math.min(query.limit(), rest.size())), rest.size() > query.limit(),
                matching.size());
    }

    List<Certificate> all() {
        return List.copyOf(certificates.values());
    }

    List<SentEmail> emails() {
        return List.copyOf(emails);
    }

    void clear() {
        certificates.clear();
        emails.clear();
    }

    /** The prefix and 16 random lower-case letters and digits, e.g. {@code cert_k3x9…}. */
    static String randomId(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        RANDOM.ints(16, 0, 36).forEach(digit -> id.append(Character.forDigit(digit, 36)));
        return id.toString();
    }
}
