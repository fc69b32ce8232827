package io.certbridge.emulator.swanshare;

import io.certbridge.emulator.swanshare.Credential.IssuanceKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The organisation's credentials, in issuance order, and which were revoked in the dashboard. Not thread-safe. */
final class CredentialStore {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Credential> byId = new LinkedHashMap<>();
    private final Map<String, Instant> revokedAt = new LinkedHashMap<>();

    /** Stores the items as new credentials, in order, all issued at {@code now}. */
    List<Credential> issue(List<IssueRequest.Item> items, Instant now) {
        return items.stream().map(item -> {
            Credential credential = new Credential(newVerifyId(), byId.size() + 1L, now, item.recipientName(),
                    item.recipientEmail(), item.title(), item.expiresAtText(), item.expiresAt(), item.fields());
            byId.put(credential.verifyId(), credential);
            return credential;
        }).toList();
    }

    /** The credential, or {@code null}. */
    Credential get(String verifyId) {
        return byId.get(verifyId);
    }

    /** Revokes it (a second revocation keeps the first time); false when there is no such credential. */
    boolean revoke(String verifyId, Instant now) {
        if (!byId.containsKey(verifyId)) {
            return false;
        }
        revokedAt.putIfAbsent(verifyId, now);
        return true;
    }

    /** When it was revoked, or {@code null}. */
    Instant revokedAt(String verifyId) {
        return revokedAt.get(verifyId);
    }

    List<Credential> all() {
        return List.copyOf(byId.values());
    }

    /** How many credentials were issued per key, in order of first issuance. */
    Map<IssuanceKey, Integer> countsByKey(String referenceField) {
        return byId.values().stream().collect(Collectors.groupingBy(c -> c.key(referenceField), LinkedHashMap::new,
                Collectors.collectingAndThen(Collectors.counting(), Long::intValue)));
    }

    void clear() {
        byId.clear();
        revokedAt.clear();
    }

    /** 32 lower-case hex digits, like the documented {@code a1b2c3…}. */
    private String newVerifyId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
