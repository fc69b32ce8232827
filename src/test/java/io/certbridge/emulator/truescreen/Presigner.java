package io.certbridge.emulator.truescreen;

import io.certbridge.emulator.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and checks presigned URLs in the shape of S3's query-string signatures: {@code X-Amz-Algorithm},
 * {@code X-Amz-Date}, {@code X-Amz-Expires} (whole seconds), {@code X-Amz-SignedHeaders=host} and
 * {@code X-Amz-Signature}, the hex HMAC-SHA256 (with a key only this emulator knows) of the method, path, date and
 * lifetime. The signature is in the URL, so nothing else may authenticate the request.
 */
final class Presigner {

    /** Why a presigned request was refused, in S3's words; {@code status} is 400 or 403. */
    record Refusal(int status, String code, String message) {
    }

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final SecretKeySpec key;

    Presigner() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The query string that lets {@code method} on {@code path} through for {@code lifetime} from now. */
    String sign(String method, String path, Duration lifetime) {
        String date = AMZ_DATE.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        long expires = Math.max(1, (lifetime.toMillis() + 999) / 1000);
        return "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=" + date + "&X-Amz-Expires=" + expires
                + "&X-Amz-SignedHeaders=host&X-Amz-Signature=" + signature(method, path, date, expires);
    }

    /** Null when the request carries a valid, unexpired signature for its method and path; else why not. */
    Refusal check(RecordedRequest request) {
        if (request.header("Authorization") != null) {
            return new Refusal(400, "InvalidArgument", "Only one auth mechanism allowed; only the X-Amz-Algorithm "
                    + "query parameter, Signature query string parameter or the Authorization header should be "
                    + "specified");
        }
        Map<String, String> query = request.queryParams().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
        String date = query.get("X-Amz-Date");
        String expires = query.get("X-Amz-Expires");
        String given = query.get("X-Amz-Signature");
        if (date == null || expires == null || given == null) {
            return new Refusal(403, "AccessDenied", "Access Denied");
        }
        Instant signedAt;
        long lifetime;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(date));
            lifetime = Long.parseLong(expires);
        } catch (DateTimeParseException | NumberFormatException e) {
            return new Refusal(403, "AuthorizationQueryParametersError", "Invalid X-Amz-Date or X-Amz-Expires");
        }
        if (!given.equals(signature(request.method(), request.path(), date, lifetime))) {
            return new Refusal(403, "SignatureDoesNotMatch", "The request signature we calculated does not match "
                    + "the signature you provided.");
        }
        if (Instant.now().isAfter(signedAt.plusSeconds(lifetime))) {
            return new Refusal(403, "AccessDenied", "Request has expired");
        }
        return null;
    }

    private String signature(String method, String path, String date, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((method + "\n" + path + "\n" + date + "\n" + expires)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
