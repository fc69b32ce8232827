package io.certbridge.emulator.trustedform;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The certificates known to the emulator by id (40 lowercase hex digits, like real web certificates). */
final class CertificateStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Certificate> byId = new LinkedHashMap<>();

    Certificate create(String email, String phone, String pageUrl, Instant createdAt, Duration publicWindow) {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        Certificate certificate = new Certificate(id, email, phone, pageUrl, createdAt, createdAt.plus(publicWindow));
        byId.put(id, certificate);
        return certificate;
    }

    Certificate get(String id) {
        return byId.get(id);
    }

    List<Certificate> all() {
        return List.copyOf(byId.values());
    }

    void clear() {
        byId.clear();
    }
}
