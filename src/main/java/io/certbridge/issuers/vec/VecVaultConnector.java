package io.certbridge.issuers.vec;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.delivery.Answers;
import io.certbridge.delivery.Delivery;
import io.certbridge.delivery.Outcome;
import io.certbridge.delivery.Recorded;
import io.certbridge.delivery.Result;
import io.certbridge.document.CertificateDocuments;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuers.GivenUpIssuance;
import io.certbridge.issuers.IssuerCalls;
import io.certbridge.issuers.IssuerConnector;
import io.certbridge.issuers.IssuerGroups;
import io.certbridge.issuers.IssuerSettings;
import io.certbridge.issuers.IssuerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Issues certificates through VEC.digital's Certificate Vault (connectors/vec-vault-issue-sink): the hub renders each
 * certificate's PDF with its template's design and uploads it, one as a single upload, a group as the two-step bulk
 * upload (each file to /upload-file, then /bulk with the entries), in calls sized by {@link VaultGroups}. VEC.digital
 * answers at once and processes afterwards: {@link VaultFollowing} takes it from there (webhooks and tracking).
 *
 * <p>Exactly once, although VEC.digital takes no idempotency key: each certificate's upload is recorded in the call
 * log before it is made. A delivery sent again whose certificate has a call of unknown outcome (the hub died
 * mid-call, or no answer came) is first looked for at VEC.digital ({@link VaultLookup}) and adopted if it is there.
 * VEC.digital's own duplicate prevention (one certificate per applicant email, title and issue date) backs that up:
 * its 422 "already exists" is answered by finding the certificate and adopting it, never by uploading a second.
 *
 * <p>VEC.digital's answers: 2xx → followed; 422 → the duplicates adopted, the entries it names refused in its
 * words, and (a bulk request being all or nothing) the others sent again; 401 and 403 (the permission it names in
 * {@code required_permission}) → failed at once and the issuer paused until the token is fixed
 * ({@link VaultPermissions}); 429 → throttled until its {@code Retry-After}; 5xx and no answer → tried again
 * after a look at VEC.digital.
 */
@Component
public class VecVaultConnector implements IssuerConnector {

    private static final Logger log = LoggerFactory.getLogger(VecVaultConnector.class);

    static final String NAME = VaultClient.KAMELET;
    private static final String SENT = "vecSent";

    /** A delivery between prepare and recorded: its call, or why nothing was called for it. */
    private record Attempt(String callId, String uuid, Result result, String error) {

        static Attempt calling(String callId) {
            return new Attempt(callId, null, null, null);
        }

        static Attempt without(Result result, String error) {
            return new Attempt(null, null, result, error);
        }

        Attempt answered(String answeredUuid) {
            return new Attempt(callId, answeredUuid, result, error);
        }
    }

    private final IssuerSettings settings;
    private final VaultGroups groups;
    private final VaultEntries entries;
    private final VaultLookup lookup;
    private final VaultClient client;
    private final VaultPermissions permissions;
    private final IssuerCalls calls;
    private final CertificateDocuments documents;
    private final IssuerGroups issuerGroups;
    private final GivenUpIssuance givenUp;
    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();

    VecVaultConnector(IssuerSettings settings, VaultGroups groups, VaultEntries entries, VaultLookup lookup,
                      VaultClient client, VaultPermissions permissions, IssuerCalls calls,
                      CertificateDocuments documents, IssuerGroups issuerGroups, GivenUpIssuance givenUp) {
        this.settings = settings;
        this.groups = groups;
        this.entries = entries;
        this.lookup = lookup;
        this.client = client;
        this.permissions = permissions;
        this.calls = calls;
        this.documents = documents;
        this.issuerGroups = issuerGroups;
        this.givenUp = givenUp;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public IssuerType type() {
        return IssuerType.VEC_VAULT;
    }

    @Override
    public Operation operation() {
        return Operation.ISSUE;
    }

    /** Only while an account has a place for a call, so that a round claims nothing it cannot send. */
    @Override
    public boolean ready() {
        return issuerGroups.anyPlace(IssuerType.VEC_VAULT);
    }

    @Override
    public List<List<Delivery>> groups(List<Delivery> claimed) {
        return groups.shaped(claimed);
    }

    @Override
    public void prepare(List<Delivery> group, Exchange exchange) throws Exception {
        String issuer = group.getFirst().text("issuer");
        IssuerSettings.Account account = settings.account(issuer).orElse(null);
        if (account == null) {
            group.forEach(d -> attempts.put(d.id(), Attempt.without(Result.INVALID,
                    "No issuer " + issuer + " is configured (certbridge.issuers." + issuer + ")")));
            return;
        }
        group.forEach(d -> attempts.remove(d.id()));
        Map<String, Certificate> pending = entries.pending(group.stream().map(Delivery::certificateId).toList());
        Map<String, VaultEntry> vault = entries.of(pending.values());
        List<Delivery> toSend = new ArrayList<>();
        for (Delivery delivery : group) {
            VaultEntry entry = vault.get(delivery.certificateId());
            if (entry == null) {
                attempts.put(delivery.id(), Attempt.without(Result.DELIVERED, null)); // issued or refused meanwhile
            } else if (entry.email() == null || entry.email().isBlank()) {
                attempts.put(delivery.id(), Attempt.without(Result.INVALID,
                        "VEC.digital needs the recipient's e-mail address (applicant_email)"));
            } else if (!adoptedAfterUncertainCall(issuer, delivery, entry)) {
                toSend.add(delivery);
            }
        }
        if (toSend.size() == 1) {
            Delivery delivery = toSend.getFirst();
            VaultEntry entry = vault.get(delivery.certificateId());
            byte[] pdf = documents.rendered(pending.get(delivery.certificateId()));
            attempts.put(delivery.id(), Attempt.calling(calls.calling(issuer, VaultFollowing.ISSUE,
                    List.of(delivery.certificateId()))));
            VaultClient.request(exchange, account, "POST", VaultClient.VAULT, VaultForms.single(entry, pdf));
        } else if (toSend.size() > 1) {
            List<VaultEntry> sent = toSend.stream().map(d -> vault.get(d.certificateId())).toList();
            List<String> fileIds = VaultParallel.map(toSend, delivery -> client.send(issuer, "POST",
                    VaultClient.VAULT + "/upload-file", VaultForms.file(vault.get(delivery.certificateId()),
                            documents.rendered(pending.get(delivery.certificateId()))))
                    .json().path("data").path("file_id").asText());
            for (Delivery delivery : toSend) {
                attempts.put(delivery.id(), Attempt.calling(calls.calling(issuer, VaultFollowing.ISSUE,
                        List.of(delivery.certificateId()))));
            }
            VaultClient.request(exchange, account, "POST", VaultClient.VAULT + "/bulk", VaultForms.bulk(sent, fileIds));
        }
        exchange.setProperty(SENT, toSend);
    }

    /**
     * A certificate whose earlier call's outcome is unknown is looked for at VEC.digital: found, its call is followed
     * with the vault certificate's uuid and nothing is uploaded; not found, the calls are settled and it is uploaded.
     */
    private boolean adoptedAfterUncertainCall(String issuer, Delivery delivery, VaultEntry entry)
            throws InterruptedException {
        List<IssuerCalls.Call> uncertain = calls.uncertain(issuer, List.of(delivery.certificateId()));
        if (uncertain.isEmpty()) {
            return false;
        }
        Optional<JsonNode> found = lookup.find(issuer, entry);
        if (found.isPresent()) {
            log.info("Certificate {} was found at VEC.digital ({}) after a call whose outcome the hub never heard: "
                    + "adopted, not uploaded again", delivery.certificateId(), found.get().path("uuid").asText());
            calls.answered(uncertain.getLast().id(), found.get().path("uuid").asText());
            attempts.put(delivery.id(), Attempt.without(Result.DELIVERED, null));
        }
        calls.settled(issuer, List.of(delivery.certificateId()));
        return found.isPresent();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Outcome> answered(List<Delivery> group, Exchange exchange) {
        List<Delivery> sent = exchange.getProperty(SENT, List.class);
        if (sent != null && !sent.isEmpty()) {
            String issuer = group.getFirst().text("issuer");
            VaultAnswer answer = client.observe(issuer, VaultClient.answer(exchange));
            JsonNode data = answer.json().path("data");
            boolean accepted = sent.size() == 1 ? data.hasNonNull("uuid") : data.hasNonNull("batch_id");
            for (Delivery delivery : sent) {
                Attempt attempt = attempts.get(delivery.id());
                String uuid = sent.size() == 1 ? data.path("uuid").asText() : null;
                attempts.put(delivery.id(), accepted ? attempt.answered(uuid)
                        : Attempt.without(Result.REFUSED, "VEC.digital answered without taking the certificate: "
                        + answer.words()));
                if (!accepted) {
                    calls.refused(attempt.callId(), answer.words());
                }
            }
        }
        return group.stream().map(this::outcome).toList();
    }

    @Override
    public List<Outcome> failed(List<Delivery> group, Exception failure) {
        String issuer = group.getFirst().text("issuer");
        List<Delivery> open = group.stream().filter(d -> !attempts.containsKey(d.id())
                || attempts.get(d.id()).result() == null).toList();
        List<Delivery> called = open.stream().filter(d -> attempts.containsKey(d.id())).toList();
        if (failure instanceof HttpOperationFailedException http) {
            answeredWithFailure(issuer, called, client.observe(issuer, VaultClient.answer(http)));
        } else if (failure instanceof VaultFailure upload) {
            // an /upload-file was refused: no certificate was created, and no upload's call recorded yet
            refusedAll(issuer, open, upload.answer());
        } else {
            String error = Answers.describe(failure);
            called.forEach(d -> calls.unanswered(attempts.get(d.id()).callId(), error));
            open.forEach(d -> attempts.put(d.id(), Attempt.without(Result.UNREACHABLE, error)));
        }
        return group.stream().map(this::outcome).toList();
    }

    private void answeredWithFailure(String issuer, List<Delivery> called, VaultAnswer answer) {
        if (answer.status() >= 500 || answer.status() == 408) {
            called.forEach(d -> {
                calls.unanswered(attempts.get(d.id()).callId(), answer.words());
                attempts.put(d.id(), Attempt.without(Result.SERVER_ERROR, answer.words()));
            });
            return;
        }
        called.forEach(d -> calls.refused(attempts.get(d.id()).callId(), answer.words()));
        if (answer.status() == 422) {
            VaultRefusals.of(answer, called.size()).forEach((index, words) -> {
                Delivery delivery = called.get(index);
                attempts.put(delivery.id(), words.duplicate() ? adoptDuplicate(issuer, delivery)
                        : Attempt.without(Result.REFUSED, words.text()));
            });
            // a bulk request is all or nothing: the entries VEC.digital found no fault with go again
            called.stream().filter(d -> attempts.get(d.id()).result() == null).forEach(d -> attempts.put(d.id(),
                    Attempt.without(Result.BUSY, "Sent again: VEC.digital refused the bulk request for other entries ("
                            + answer.words() + ")")));
            return;
        }
        refusedAll(issuer, called, answer);
    }

    /** 422 "already exists": the certificate is at VEC.digital; it is found and followed, never uploaded again. */
    private Attempt adoptDuplicate(String issuer, Delivery delivery) {
        try {
            VaultEntry entry = entries.of(entries.pending(List.of(delivery.certificateId())).values())
                    .get(delivery.certificateId());
            if (entry == null) {
                return Attempt.without(Result.DELIVERED, null);
            }
            Optional<JsonNode> found = lookup.find(issuer, entry);
            if (found.isEmpty()) {
                return Attempt.without(Result.REFUSED, "VEC.digital says the certificate already exists, but it "
                        + "lists no certificate of " + entry.email() + ", " + entry.title() + ", " + entry.issueDate());
            }
            String adopted = calls.calling(issuer, VaultFollowing.ISSUE, List.of(delivery.certificateId()));
            calls.answered(adopted, found.get().path("uuid").asText());
            return Attempt.without(Result.DELIVERED, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.without(Result.UNREACHABLE, "interrupted while looking for the certificate at VEC.digital");
        } catch (RuntimeException lookupFailed) {
            return Attempt.without(Result.SERVER_ERROR, "VEC.digital says the certificate already exists; looking "
                    + "for it failed: " + lookupFailed.getMessage());
        }
    }

    private void refusedAll(String issuer, List<Delivery> deliveries, VaultAnswer answer) {
        Optional<String> tokenProblem = permissions.pauseIfRefused(issuer, answer);
        Result result = tokenProblem.isPresent() ? Result.INVALID : Answers.ofStatus(answer.status());
        String error = tokenProblem.orElse(answer.words());
        deliveries.forEach(d -> attempts.put(d.id(), Attempt.without(result, error)));
    }

    private Outcome outcome(Delivery delivery) {
        Attempt attempt = attempts.get(delivery.id());
        if (attempt == null || attempt.result() == null || attempt.result() == Result.DELIVERED) {
            return Outcome.delivered(delivery);
        }
        return Outcome.failed(delivery, attempt.result(), attempt.error());
    }

    /**
     * In the round's transaction: the uploads VEC.digital took are followed (a single upload by its uuid, a bulk
     * one's certificates until a webhook or the tracker finds them); certificates given up are failed with the last
     * error.
     */
    @Override
    public void recorded(List<Recorded> outcomes) {
        for (Recorded recorded : outcomes) {
            Attempt attempt = attempts.remove(recorded.delivery().id());
            if (recorded.outcome().delivered() && attempt != null && attempt.callId() != null
                    && attempt.result() == null) {
                calls.answered(attempt.callId(), attempt.uuid());
            }
        }
        givenUp.mark(outcomes);
    }

    @Override
    public String givenUpEvent() {
        return "certificate.issuance_failed";
    }

    @Override
    public String describe(Delivery delivery) {
        return "certificate " + delivery.certificateId() + " at issuer " + delivery.text("issuer");
    }
}
