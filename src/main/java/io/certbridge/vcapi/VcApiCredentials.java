package io.certbridge.vcapi;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The credentials issued through the VC API, as issued, with their position in the status lists and their status. */
@Component
class VcApiCredentials {

    /** A recorded credential: {@code status} is issued, revoked or suspended, as a certificate's. */
    record Recorded(String id, long statusIndex, String status, boolean sandbox) {
    }

    private final JdbcClient jdbc;

    VcApiCredentials(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when a credential with this id was issued already. */
    boolean record(String id, long statusIndex, boolean sandbox, String credential) {
        return jdbc.sql("""
                        insert into vc_api_credentials (id, status_index, sandbox, credential) values (?, ?, ?, ?)
                        on conflict (id) do nothing""")
                .params(id, statusIndex, sandbox, credential).update() == 1;
    }

    boolean exists(String id) {
        return jdbc.sql("select count(*) from vc_api_credentials where id = ?").param(id).query(Long.class).single() > 0;
    }

    Optional<Recorded> byId(String id) {
        return jdbc.sql("select id, status_index, status, sandbox from vc_api_credentials where id = ?").param(id)
                .query(Recorded.class).optional();
    }

    Optional<Recorded> byStatusIndex(long index) {
        return jdbc.sql("select id, status_index, status, sandbox from vc_api_credentials where status_index = ?")
                .param(index).query(Recorded.class).optional();
    }

    /** Sets the status unless the credential is revoked, which is final; false when it was. */
    boolean changeStatus(String id, String status) {
        return jdbc.sql("update vc_api_credentials set status = ? where id = ? and status <> 'revoked'")
                .params(status, id).update() == 1;
    }
}
