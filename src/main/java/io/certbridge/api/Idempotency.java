package io.certbridge.api;

import io.certbridge.shared.Json;
import io.certbridge.shared.Sha256;
import io.certbridge.shared.problems.InvalidInput;
import io.certbridge.shared.problems.MalformedInput;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.sql.Timestamp;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Idempotency-Key on POSTs: the first response is stored in the same transaction as what the request
 * created, so a replay returns it and nothing is created twice. Without a key the action runs in the
 * transaction of its own making. A concurrent duplicate waits on the
 * key's row lock and then replays. The same key with another request is 422.
 */
@Component
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Json json;
    private final Clock clock;
    private final Duration retention;

    public Idempotency(JdbcClient jdbc, TransactionTemplate tx, Json json, Clock clock, ApiSettings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.retention = settings.idempotencyRetention();
    }

    public ResponseEntity<?> run(HttpServletRequest request, Object body, Supplier<ResponseEntity<?>> action) {
        return run(request, body, action, response -> response);
    }

    /** @param storedForm what of the response body may be stored for replays (a secret shown once may not) */
    public <T> ResponseEntity<?> run(HttpServletRequest request, Object body, Supplier<ResponseEntity<?>> action,
                                     Function<T, Object> storedForm) {
        String key = request.getHeader(HEADER);
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > 255) {
            throw new MalformedInput("invalid_idempotency_key", "must be 1 to 255 characters", HEADER);
        }
        String keyId = ApiKeyPrincipal.of(request).keyId();
        byte[] fingerprint = fingerprint(request, body);
        return tx.execute(status -> {
            int claimed = jdbc.sql("""
                            insert into idempotency_keys (api_key_id, idempotency_key, request_hash) values (?, ?, ?)
                            on conflict do nothing""")
                    .params(keyId, key, fingerprint).update();
            if (claimed == 0) {
                return replay(keyId, key, fingerprint);
            }
            ResponseEntity<?> response = action.get();
            jdbc.sql("update idempotency_keys set response_status = ?, response_body = ? where api_key_id = ? and idempotency_key = ?")
                    .params(response.getStatusCode().value(), json.write(storedForm.apply(bodyOf(response))), keyId, key)
                    .update();
            return response;
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T bodyOf(ResponseEntity<?> response) {
        return (T) response.getBody();
    }

    private ResponseEntity<?> replay(String keyId, String key, byte[] fingerprint) {
        StoredResponse stored = jdbc.sql("""
                        select request_hash, response_status, response_body from idempotency_keys
                        where api_key_id = ? and idempotency_key = ?""")
                .params(keyId, key)
                .query((rs, n) -> new StoredResponse(rs.getBytes(1), rs.getInt(2), rs.getString(3)))
                .single();
        if (!MessageDigest.isEqual(stored.requestHash(), fingerprint)) {
            throw new InvalidInput("idempotency_key_reused", "Idempotency key reused",
                    "This Idempotency-Key was used with another request; use a new key for a new request", List.of());
        }
        return ResponseEntity.status(stored.status())
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotent-Replayed", "true")
                .body(stored.body());
    }

    private record StoredResponse(byte[] requestHash, int status, String body) {
    }

    private byte[] fingerprint(HttpServletRequest request, Object body) {
        MessageDigest sha = Sha256.digest();
        sha.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
        sha.update(json.writeBytes(body));
        return sha.digest();
    }

    /** Forgets keys older than the retention; called by the housekeeping route. */
    public int purgeExpired() {
        return jdbc.sql("delete from idempotency_keys where created_at < ?")
                .param(Timestamp.from(clock.instant().minus(retention)))
                .update();
    }
}
