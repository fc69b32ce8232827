package io.certbridge.issuers;

import io.certbridge.shared.problems.FieldError;
import io.certbridge.template.IssuerCatalog;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The issuers templates may name: the accounts of certbridge.issuers. */
@Component
class ConfiguredIssuers implements IssuerCatalog {

    private final IssuerSettings settings;

    ConfiguredIssuers(IssuerSettings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<String> type(String issuer) {
        return settings.account(issuer).map(IssuerSettings.Account::type);
    }

    @Override
    public boolean forwardsStatusChanges(String type) {
        return IssuerType.of(type).map(IssuerType::forwardsStatusChanges).orElse(false);
    }

    @Override
    public List<FieldError> problems(String issuer, String externalTemplateId) {
        if (issuer == null) {
            return externalTemplateId == null ? List.of()
                    : List.of(new FieldError("external_template_id", "is only taken with an issuer that has templates"));
        }
        return settings.account(issuer).map(account -> {
            if (account.issuerType().hasTemplates() && (externalTemplateId == null || externalTemplateId.isBlank())) {
                return List.of(new FieldError("external_template_id",
                        "is required: " + account.type() + " issues from its own templates"));
            }
            if (!account.issuerType().hasTemplates() && externalTemplateId != null) {
                return List.of(new FieldError("external_template_id", account.type() + " has no templates"));
            }
            return List.<FieldError>of();
        }).orElse(List.of(new FieldError("issuer", "names no configured issuer (certbridge.issuers." + issuer
                + ")" + (settings.issuers().isEmpty() ? "; none is configured"
                : "; configured: " + String.join(", ", settings.issuers().keySet())))));
    }
}
