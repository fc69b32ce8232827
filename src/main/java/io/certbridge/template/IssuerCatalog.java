package io.certbridge.template;

import io.certbridge.shared.problems.FieldError;
import java.util.List;
import java.util.Optional;

/** The outside issuers a template may name, and what each needs of the template; configured elsewhere. */
public interface IssuerCatalog {

    /** Why a template cannot issue through {@code issuer} with {@code externalTemplateId}; empty when it can. */
    List<FieldError> problems(String issuer, String externalTemplateId);

    /** The type of the issuer configured by this name (true, swanshare, vec-vault). */
    Optional<String> type(String issuer);

    /** Whether suspension, reinstatement and revocation are forwarded to issuers of this type. */
    boolean forwardsStatusChanges(String type);
}
