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

    /** One page of a list. */
    record Page(List<Certificate> certificates, boolean hasMore, int totalCount) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Map<String, Certificate> certificates = new LinkedHashMap<>();
    private final List<SentEmail> emails = new ArrayList<>();
    private long sequence;

    Certificate issue(String templateId, Recipient recipient, String batchId, Instant now) {
        byte[] hash = new byte[32];
        RANDOM.nextBytes(hash);
        Certificate certificate = new Certificate(randomId("cert_"), ++sequence, templateId, recipient.name(),
                recipient.email(), recipient.fields(), batchId, "0x" + HexFormat.of().formatHex(hash), now);
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
        long after = 0;
        if (query.cursor() != null) {
            Certificate from = certificates.get(query.cursor());
            if (from == null) {
                throw ApiError.validation("Invalid cursor " + query.cursor());
            }
            after = from.sequence;
        }
        List<Certificate> matching = certificates.values().stream().filter(query::matches).toList();
        long start = after;
        List<Certificate> rest = matching.stream().filter(c -> c.sequence > start).toList();
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

    static String randomId(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 16; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
