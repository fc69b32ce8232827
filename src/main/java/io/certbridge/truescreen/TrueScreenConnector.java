package io.certbridge.truescreen;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.delivery.Answers;
import io.certbridge.delivery.Delivery;
import io.certbridge.delivery.Outcome;
import io.certbridge.delivery.PlannedDelivery;
import io.certbridge.delivery.Result;
import io.certbridge.delivery.SingleConnector;
import io.certbridge.fanout.DeliveryPlanner;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.Certificates;
import io.certbridge.issuers.IssuerCalls;
import io.certbridge.shared.Environment;
import io.certbridge.template.Template;
import io.certbridge.template.Templates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Has each certificate of a template with {@code truescreen} certified by the template's TrueScreen account, once:
 * planned on certificate.issued (key {@code truescreen/<certificate>}, on the account's channel), sent as a hash
 * certification ({@code POST /v1/hash-certifications}, the SHA-256 of the PDF and of the credential) or a file
 * certification (files registered, uploaded to their presigned URLs, then {@code POST /v1/file-certifications} with
 * the session's token). Results come later, by callback or polling ({@link CertificationResults}).
 *
 * <p>Exactly once: a certificate whose certification TrueScreen created is never sent again. The billable call is in
 * the call log before it is made; one whose answer was lost is waited on for the account's callback-grace, as the
 * callback TrueScreen sends for each certification names the certificate in its title and adopts it, and is taken
 * as never made only after that (TrueScreen has no list to look in). Registering and uploading bill nothing: an
 * upload refused (its URL expired) or TS-013/TS-011 at creation registers the files again; TS-012 (the session was
 * used) means a certification was created and is waited on like a lost answer. TS-008 pauses the account.
 */
@Component
class TrueScreenConnector implements SingleConnector, DeliveryPlanner {

    static final String NAME = "truescreen-certify-sink";

    /** Why nothing was sent for a delivery: its outcome. */
    private record NotSent(Outcome outcome) {
    }

    /** What the round's call is, for {@link #answered}. */
    private record Sent(String account, String mode, String callId) {
    }

    private final TrueScreenSettings settings;
    private final Templates templates;
    private final Certificates certificates;
    private final Certifications certifications;
    private final CertificationRequest requests;
    private final IssuerCalls calls;
    private final TrueScreenApi api;
    private final TrueScreenPauses pauses;
    private final Clock clock;

    TrueScreenConnector(TrueScreenSettings settings, Templates templates, Certificates certificates,
                        Certifications certifications, CertificationRequest requests, IssuerCalls calls,
                        TrueScreenApi api, TrueScreenPauses pauses, Clock clock) {
        this.settings = settings;
        this.templates = templates;
        this.certificates = certificates;
        this.certifications = certifications;
        this.requests = requests;
        this.calls = calls;
        this.api = api;
        this.pauses = pauses;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe(Delivery delivery) {
        return "TrueScreen certification of certificate " + delivery.certificateId() + " at account "
                + delivery.text("account");
    }

    @Override
    public List<PlannedDelivery> plan(List<JsonNode> events) {
        List<PlannedDelivery> planned = new ArrayList<>();
        for (JsonNode event : events) {
            JsonNode certificate = event.path("data");
            if (!"certificate.issued".equals(event.path("type").asText())
                    || !"certificate".equals(certificate.path("object").asText())) {
                continue;
            }
            Template.TrueScreen truescreen = templates.find(certificate.path("template_id").asText())
                    .map(Template::truescreen).orElse(null);
            if (truescreen == null) {
                continue;
            }
            String id = certificate.path("id").asText();
            planned.add(new PlannedDelivery("truescreen/" + id, "tsc", NAME,
                    certificate.path("livemode").asBoolean() ? Environment.LIVE : Environment.TEST, id,
                    TrueScreenPauses.channel(truescreen.account()),
                    Map.of("account", truescreen.account(), "mode", truescreen.mode()), null,
                    event.path("id").asText()));
        }
        return planned;
    }

    @Override
    public void prepare(Delivery delivery, Exchange exchange) {
        String account = delivery.text("account");
        TrueScreenSettings.Account settings = this.settings.account(account)
                .orElseThrow(() -> new NotConfigured(account));
        TrueScreenApi.call(exchange, settings, null, null, null);
        if (certifications.ofCertificate(delivery.certificateId()).isPresent()) {
            exchange.setProperty("truescreenNotSent", new NotSent(Outcome.delivered(delivery)));
            return;
        }
        String caller = CertificationRequest.caller(account);
        for (IssuerCalls.Call call : calls.uncertain(caller, List.of(delivery.certificateId()))) {
            if (clock.instant().isBefore(call.calledAt().plus(settings.callbackGraceOrDefault()))) {
                exchange.setProperty("truescreenNotSent", new NotSent(Outcome.failed(delivery, Result.BUSY,
                        "The answer to its certification request was lost; waiting for TrueScreen's callback")));
                return;
            }
            calls.refused(call.id(), "No callback named it within " + settings.callbackGraceOrDefault()
                    + ": taken as never made");
        }
        Certificate certificate = certificates.findAll(List.of(delivery.certificateId())).stream().findFirst()
                .orElse(null);
        if (certificate == null) {
            exchange.setProperty("truescreenNotSent", new NotSent(Outcome.failed(delivery, Result.INVALID,
                    "The certificate is gone")));
            return;
        }
        List<CertificationRequest.File> files = requests.files(certificate);
        String mode = delivery.text("mode");
        if (mode.equals("file")) {
            String token = uploaded(settings, files);
            String callId = calls.calling(caller, mode, List.of(certificate.id()));
            TrueScreenApi.call(exchange, settings, "POST", "/v1/file-certifications",
                    requests.fileCertification(account, certificate, token).toString());
            exchange.setProperty("truescreenSent", new Sent(account, mode, callId));
        } else {
            String callId = calls.calling(caller, mode, List.of(certificate.id()));
            TrueScreenApi.call(exchange, settings, "POST", "/v1/hash-certifications",
                    requests.hashCertification(account, certificate, files).toString());
            exchange.setProperty("truescreenSent", new Sent(account, mode, callId));
        }
    }

    /** Registers the files and uploads each to its presigned URL; the session's token. */
    private String uploaded(TrueScreenSettings.Account settings, List<CertificationRequest.File> files) {
        TrueScreenAnswer registered = api.call(settings, "POST", "/v1/file-certifications-attachments",
                requests.attachments(files));
        if (!registered.ok() || !registered.body().isArray() || registered.body().size() != files.size()) {
            throw new NotUploaded("TrueScreen did not register the files: " + registered.words(),
                    registered.ok() ? Result.REFUSED : registered.result());
        }
        String token = null;
        for (int i = 0; i < files.size(); i++) {
            JsonNode slot = registered.body().get(i);
            token = slot.path("upload_session_token").asText();
            CertificationRequest.File file = files.get(i);
            int status = api.upload(slot.path("upload_url").asText(), file.contentType(), file.content());
            if (status != 200) {
                // an expired URL (403 AccessDenied) is registered again on the next attempt
                throw new NotUploaded("The upload of " + file.name() + " was refused (HTTP " + status
                        + "); its files are registered again", Result.BUSY);
            }
        }
        return token;
    }

    @Override
    public Outcome answered(Delivery delivery, Exchange exchange) {
        NotSent notSent = exchange.getProperty("truescreenNotSent", NotSent.class);
        if (notSent != null) {
            return notSent.outcome();
        }
        Sent sent = exchange.getProperty("truescreenSent", Sent.class);
        TrueScreenAnswer answer = TrueScreenAnswer.of(exchange);
        if (answer.ok() && answer.body().hasNonNull("report_id")) {
            certifications.created(delivery.certificateId(), sent.account(), sent.mode(),
                    answer.body().get("report_id").asText());
            calls.done(sent.callId());
            return new Outcome(delivery.id(), Result.DELIVERED, answer.status(), null, null, null, null);
        }
        String words = "TrueScreen: " + answer.words();
        if ("TS-012".equals(answer.code())) {
            // the session made a certification already: its callback tells which
            calls.unanswered(sent.callId(), answer.words());
            return new Outcome(delivery.id(), Result.BUSY, answer.status(), null, words, null, null);
        }
        calls.refused(sent.callId(), answer.words());
        if ("TS-008".equals(answer.code())) {
            pauses.pause(sent.account(), answer.words());
            return new Outcome(delivery.id(), Result.THROTTLED, answer.status(), null, words, null, null);
        }
        Result result = "TS-013".equals(answer.code()) || "TS-011".equals(answer.code()) ? Result.BUSY
                : answer.ok() ? Result.REFUSED : answer.result();
        return new Outcome(delivery.id(), result, answer.status(), null, words, null, null);
    }

    @Override
    public Outcome failed(Delivery delivery, Exception failure) {
        if (failure instanceof NotConfigured) {
            return Outcome.failed(delivery, Result.INVALID, failure.getMessage());
        }
        if (failure instanceof NotUploaded notUploaded) {
            return Outcome.failed(delivery, notUploaded.result, failure.getMessage());
        }
        // a certification call with no answer stays "calling" in the log: its callback is waited for
        return Answers.of(delivery, failure);
    }

    /** The account is no longer configured. */
    static final class NotConfigured extends RuntimeException {
        NotConfigured(String account) {
            super("TrueScreen account " + account + " is not configured (certbridge.truescreen." + account + ")",
                    null, false, false);
        }
    }

    /** Registering or uploading the files failed: nothing was certified. */
    static final class NotUploaded extends RuntimeException {
        private final transient Result result;

        NotUploaded(String message, Result result) {
            super(message, null, false, false);
            this.result = result;
        }
    }
}
