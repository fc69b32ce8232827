package io.certbridge.issuers.trueapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.delivery.Answers;
import io.certbridge.delivery.Delivery;
import io.certbridge.delivery.Outcome;
import io.certbridge.delivery.Result;
import io.certbridge.delivery.SingleConnector;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.OutsideIssuance;
import io.certbridge.issuers.IssuerConnector;
import io.certbridge.issuers.IssuerGroups;
import io.certbridge.issuers.IssuerSettings;
import io.certbridge.issuers.IssuerType;
import java.util.List;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Forwards a certificate's status to TRUE as it is when sent: revoked as {@code POST /v1/certificates/{id}/revoke}
 * with the reason (TRUE's 400 {@code certificate_revoked} means it is revoked there already: done), suspended or
 * issued as {@code PATCH /v1/certificates/{id}}. A certificate TRUE has not issued yet waits until it has, and an
 * expired one has nothing TRUE takes. One call per certificate, shaped to the account's window.
 */
@Component
class TrueStatusConnector implements IssuerConnector, SingleConnector {

    static final String NAME = "true-status-sink";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why nothing was sent for a delivery: its outcome. */
    private record NotSent(Outcome outcome) {
    }

    private final IssuerSettings settings;
    private final IssuerGroups groups;
    private final OutsideIssuance issuance;
    private final TrueApi api;

    TrueStatusConnector(IssuerSettings settings, IssuerGroups groups, OutsideIssuance issuance, TrueApi api) {
        this.settings = settings;
        this.groups = groups;
        this.issuance = issuance;
        this.api = api;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean ready() {
        return groups.anyPlace(type());
    }

    @Override
    public IssuerType type() {
        return IssuerType.TRUE;
    }

    @Override
    public Operation operation() {
        return Operation.STATUS;
    }

    @Override
    public String describe(Delivery delivery) {
        return "status of certificate " + delivery.certificateId() + " at issuer " + delivery.text("issuer");
    }

    @Override
    public List<List<Delivery>> groups(List<Delivery> claimed) {
        return groups.shaped(claimed, account -> 1);
    }

    @Override
    public void prepare(Delivery delivery, Exchange exchange) {
        String issuer = delivery.text("issuer");
        IssuerSettings.Account account = settings.account(issuer)
                .orElseThrow(() -> new TrueIssueConnector.NotConfigured(issuer));
        Certificate certificate = issuance.certificates(List.of(delivery.certificateId())).stream().findFirst()
                .orElse(null);
        TrueApi.call(exchange, account, null, null, null);
        if (certificate == null) {
            exchange.setProperty("trueNotSent", new NotSent(Outcome.failed(delivery, Result.INVALID,
                    "The certificate is gone")));
            return;
        }
        String externalId = certificate.issuer() == null ? null : certificate.issuer().externalId();
        if (externalId == null) {
            exchange.setProperty("trueNotSent", new NotSent(Outcome.failed(delivery, Result.BUSY,
                    "TRUE has not issued the certificate yet; its status is sent once it has")));
            return;
        }
        String path = "/v1/certificates/" + TrueApi.encode(externalId);
        ObjectNode body = JSON.createObjectNode();
        switch (certificate.status()) {
            case "revoked" -> TrueApi.call(exchange, account, "POST", path + "/revoke",
                    body.put("reason", certificate.revocationReason()).toString());
            case "suspended", "issued" -> TrueApi.call(exchange, account, "PATCH", path,
                    body.put("status", certificate.status()).toString());
            default -> exchange.setProperty("trueNotSent", new NotSent(Outcome.delivered(delivery)));
        }
        exchange.setProperty("trueIssuer", issuer);
    }

    @Override
    public Outcome answered(Delivery delivery, Exchange exchange) {
        NotSent notSent = exchange.getProperty("trueNotSent", NotSent.class);
        if (notSent != null) {
            return notSent.outcome();
        }
        TrueAnswer answer = TrueAnswer.of(exchange);
        api.observe(exchange.getProperty("trueIssuer", String.class), answer);
        boolean revokedAlready = "certificate_revoked".equals(answer.code())
                && exchange.getProperty("truePath", String.class).endsWith("/revoke");
        if (answer.ok() || revokedAlready) {
            return new Outcome(delivery.id(), Result.DELIVERED, answer.status(), null, null, null,
                    delivery.certificateStatus());
        }
        return new Outcome(delivery.id(), answer.result(), answer.status(), null, "TRUE: " + answer.words(), null,
                null);
    }

    @Override
    public Outcome failed(Delivery delivery, Exception failure) {
        if (failure instanceof TrueIssueConnector.NotConfigured) {
            return Outcome.failed(delivery, Result.INVALID, failure.getMessage());
        }
        return Answers.of(delivery, failure);
    }
}
