package io.certbridge.credential;

import static io.certbridge.credential.Jsonp.JSON;

import com.apicatalog.multibase.Multibase;
import io.certbridge.shared.Sha256;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * W3C Bitstring Status Lists for revocation and suspension, built from the stored status of the certificates and
 * of the credentials issued through the VC API (both take their positions from {@link StatusIndexes}) and served as credentials signed by the hub. Each list holds 131,072 positions (the
 * specification's minimum, for herd privacy).
 */
@Component
public class StatusLists {

    public static final int LIST_SIZE = 131_072;

    private final JdbcClient jdbc;
    private final IssuerIdentity issuer;
    private final SigningKeys keys;
    private final boolean suspensionEntry;
    private final Clock clock;
    private final Duration ttl;
    private final ConcurrentHashMap<String, Served> signed = new ConcurrentHashMap<>();

    public StatusLists(JdbcClient jdbc, IssuerIdentity issuer, SigningKeys keys, Clock clock,
                       StatusListSettings settings) {
        this.jdbc = jdbc;
        this.ttl = settings.ttl();
        this.issuer = issuer;
        this.keys = keys;
        this.suspensionEntry = settings.suspensionEntry();
        this.clock = clock;
    }

    public String listUrl(StatusPurpose purpose, long list) {
        return issuer.baseUrl() + "/status/" + purpose.value + "/" + list;
    }

    /**
     * The credentialStatus of the certificate at {@code index}: its revocation entry, which is what Open Badges 3.0
     * allows (one entry), or, with certbridge.credentials.suspension-entry, an array of it and its suspension entry.
     * Either way the certificate has the same position in both lists, so the hub itself always knows both bits.
     */
    public JsonValue credentialStatus(long index) {
        if (!suspensionEntry) {
            return entry(StatusPurpose.REVOCATION, index);
        }
        JsonArrayBuilder entries = JSON.createArrayBuilder();
        for (StatusPurpose purpose : StatusPurpose.values()) {
            entries.add(entry(purpose, index));
        }
        return entries.build();
    }

    private JsonObject entry(StatusPurpose purpose, long index) {
        String list = listUrl(purpose, index / LIST_SIZE);
        return JSON.createObjectBuilder()
                .add("id", list + "#" + index % LIST_SIZE)
                .add("type", "BitstringStatusListEntry")
                .add("statusPurpose", purpose.value)
                .add("statusListIndex", Long.toString(index % LIST_SIZE))
                .add("statusListCredential", list)
                .build();
    }

    /**
     * The certificate position that an entry pointing at {@code position} of the list at {@code listUrl}
     * names, when the list is one of this hub's; empty otherwise.
     */
    public Optional<Long> ownIndex(String listUrl, StatusPurpose purpose, String position) {
        String prefix = issuer.baseUrl() + "/status/" + purpose.value + "/";
        if (listUrl == null || position == null || !listUrl.startsWith(prefix)) {
            return Optional.empty();
        }
        try {
            long list = Long.parseLong(listUrl.substring(prefix.length()));
            int offset = Integer.parseInt(position);
            if (list < 0 || offset < 0 || offset >= LIST_SIZE) {
                return Optional.empty();
            }
            return Optional.of(Math.addExact(Math.multiplyExact(list, LIST_SIZE), offset));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** The list whose bit is set at a position, if any: a revoked certificate sets revocation, a suspended one suspension. */
    public Optional<StatusPurpose> setAt(long index) {
        return jdbc.sql("""
                        select status from certificates where status_index = ?
                        union all select status from vc_api_credentials where status_index = ?""")
                .params(index, index).query(String.class).optional()
                .flatMap(status -> Arrays.stream(StatusPurpose.values())
                        .filter(p -> p.certificateStatus.equals(status)).findFirst());
    }

    /** Whether the list holds positions already handed out: lists beyond them do not exist yet. */
    public boolean exists(long list) {
        long handedOut = jdbc.sql("select case when is_called then (last_value + 1) * ? else 0 end from status_index_blocks")
                .param(StatusIndexes.BLOCK).query(Long.class).single();
        return list >= 0 && list < (handedOut + LIST_SIZE - 1) / LIST_SIZE;
    }

    /**
     * A status list as served: its signed credential, and a weak entity tag that names its content without the
     * moment and proof of signing, so that every instance gives the same list the same tag.
     */
    public record Served(String etag, String credential) {
    }

    /** The status list as it stands in the database now; signed again only when its content has changed. */
    public Served serve(StatusPurpose purpose, long list) throws InvalidCredentialException {
        byte[] bits = bits(purpose, list);
        SigningKey signer = keys.active(false);
        String method = issuer.verificationMethod(signer.multikey(), false);
        String url = listUrl(purpose, list);
        String etag = etag(url, method, bits);
        Served cached = signed.get(url);
        if (cached != null && cached.etag().equals(etag)) {
            return cached;
        }
        JsonObject unsigned = JSON.createObjectBuilder()
                .add("@context", JSON.createArrayBuilder().add(JsonLdContexts.CREDENTIALS_V2))
                .add("id", url)
                .add("type", JSON.createArrayBuilder().add("VerifiableCredential").add("BitstringStatusListCredential"))
                .add("issuer", issuer.did(false))
                .add("validFrom", XsdDateTime.of(clock.instant()))
                .add("credentialSubject", JSON.createObjectBuilder()
                        .add("id", url + "#list")
                        .add("type", "BitstringStatusList")
                        .add("statusPurpose", purpose.value)
                        .add("encodedList", encode(bits))
                        .add("ttl", ttl.toMillis()))
                .build();
        Served served = new Served(etag, DataIntegrityProof.sign(unsigned, signer, method, clock.instant()).toString());
        signed.put(url, served);
        return served;
    }

    /** Everything the credential says apart from when and with which proof it was signed. */
    private String etag(String url, String method, byte[] bits) {
        MessageDigest sha256 = Sha256.digest();
        for (String part : new String[] {url, method, Long.toString(ttl.toMillis())}) {
            sha256.update(part.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        sha256.update(bits);
        return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest()).substring(0, 22) + "\"";
    }

    private byte[] bits(StatusPurpose purpose, long list) {
        byte[] bits = new byte[LIST_SIZE / 8];
        List<Long> set = jdbc.sql("""
                        select status_index from certificates
                        where status = ? and status_index >= ? and status_index < ?
                        union all select status_index from vc_api_credentials
                        where status = ? and status_index >= ? and status_index < ?""")
                .params(purpose.certificateStatus, list * LIST_SIZE, (list + 1) * LIST_SIZE,
                        purpose.certificateStatus, list * LIST_SIZE, (list + 1) * LIST_SIZE)
                .query(Long.class).list();
        for (long index : set) {
            int position = (int) (index % LIST_SIZE);
            bits[position / 8] |= (byte) (0x80 >>> (position % 8));
        }
        return bits;
    }

    /** Multibase base64url (no padding) of the GZIP-compressed bitstring; position 0 is the left-most bit. */
    static String encode(byte[] bits) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(bits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Multibase.BASE_64_URL.encode(compressed.toByteArray());
    }
}
