package io.certbridge.verification;

import io.certbridge.credential.IssuerIdentity;
import io.certbridge.credential.Jsonp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The hub's own record of a credential it signed, found by the credential's id: a certificate's credential
 * ({@code <base>/credentials/<certificate id>}) or one issued through the VC API. What it holds is the proofValue the
 * hub signed it with, at a time its own clock gave.
 */
@Component
class IssuedProofs {

    private final JdbcClient jdbc;
    private final IssuerIdentity hub;

    IssuedProofs(JdbcClient jdbc, IssuerIdentity hub) {
        this.jdbc = jdbc;
        this.hub = hub;
    }

    /** The eddsa-rdfc-2022 proofValue of the credential the hub issued with this id, if it issued one. */
    Optional<String> proofValue(String credentialId) {
        if (credentialId == null) {
            return Optional.empty();
        }
        String certificates = hub.baseUrl() + "/credentials/";
        Optional<String> stored = credentialId.startsWith(certificates)
                ? jdbc.sql("select credential from certificates where id = ? and credential is not null")
                        .param(credentialId.substring(certificates.length())).query(String.class).optional()
                : jdbc.sql("select credential from vc_api_credentials where id = ?")
                        .param(credentialId).query(String.class).optional();
        return stored.map(Jsonp::object).map(Format::proof).map(proof -> Format.string(proof, "proofValue"));
    }
}
