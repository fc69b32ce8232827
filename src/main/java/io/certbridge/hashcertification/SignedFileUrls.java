package io.certbridge.hashcertification;

import io.certbridge.credential.IssuerIdentity;
import io.certbridge.credential.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The URLs of a completed certification's documents, as TrueScreen hands them out: presigned, so that a client
 * fetches them without its API key, and expiring ({@value #LIFETIME_MINUTES} minutes here; TrueScreen's live
 * 60 s). The signature is an HMAC of the path and the expiry under a key derived from the hub's signing key, so any
 * instance checks what another signed.
 */
@Component
class SignedFileUrls {

    static final int LIFETIME_MINUTES = 60;

    private final SecretKeySpec key;
    private final IssuerIdentity issuer;
    private final Clock clock;

    SignedFileUrls(SigningKeys keys, IssuerIdentity issuer, Clock clock) {
        this.key = new SecretKeySpec(keys.derivedSecret("hash certification file URLs v1"), "HmacSHA256");
        this.issuer = issuer;
        this.clock = clock;
    }

    static String path(String reportId, String type) {
        return "/v1/certifications/" + reportId + "/files/" + type;
    }

    String url(String reportId, String type) {
        long expires = clock.instant().plus(Duration.ofMinutes(LIFETIME_MINUTES)).getEpochSecond();
        String path = path(reportId, type);
        return issuer.baseUrl() + path + "?expires=" + expires + "&signature=" + signature(path, expires);
    }

    /** Whether the URL's signature is the hub's and it has not expired. */
    boolean valid(String reportId, String type, long expires, String signature) {
        if (signature == null || expires < clock.instant().getEpochSecond()) {
            return false;
        }
        return MessageDigest.isEqual(signature(path(reportId, type), expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(String path, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal((path + "\n" + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
