package io.certbridge.document;

import java.time.Instant;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The documents outside issuers made of certificates (VEC.digital's PDF, stamped with its own QR code), kept so that
 * the certificate's PDF is the verified one the service made, not the one the hub rendered and uploaded; and the
 * copies the vault stamped of the files its certificates were made from, served as their PDFs the same way.
 */
@Component
public class VerifiedDocuments {

    private final JdbcClient jdbc;

    VerifiedDocuments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void store(String certificateId, String mediaType, byte[] content, Instant fetchedAt) {
        jdbc.sql("""
                        insert into issuer_documents (certificate_id, media_type, content, fetched_at)
                        values (?, ?, ?, ?)
                        on conflict (certificate_id) do update
                        set media_type = excluded.media_type, content = excluded.content,
                            fetched_at = excluded.fetched_at""")
                .params(certificateId, mediaType, content, Timestamp.from(fetchedAt)).update();
    }

    public Optional<byte[]> pdf(String certificateId) {
        return jdbc.sql("select content from issuer_documents where certificate_id = ? and media_type = 'application/pdf'")
                .param(certificateId).query(byte[].class).optional();
    }

    public boolean has(String certificateId) {
        return jdbc.sql("select count(*) from issuer_documents where certificate_id = ?").param(certificateId)
                .query(Integer.class).single() > 0;
    }
}
