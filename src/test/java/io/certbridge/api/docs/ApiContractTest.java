package io.certbridge.api.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.credential.SigningKey;
import io.certbridge.embedded.EmbeddedPostgresServer;
import io.certbridge.intake.IntakeFixtures;
import io.certbridge.intake.LmsPayloads;
import io.certbridge.intake.generic.StandardWebhooksSender;
import io.certbridge.emulator.MoodleEmulator;
import io.certbridge.support.CertificateFiles;
import io.certbridge.support.HubTest;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.MultipartForm;
import io.certbridge.support.OutsideSystems;
import io.certbridge.support.RecordedSigningKey;
import io.certbridge.support.UnsignedCredentials;
import io.certbridge.support.WebhookReceiver;
import io.certbridge.support.openapi.ContractCalls;
import io.certbridge.support.openapi.ContractCalls.Answer;
import io.certbridge.support.openapi.ContractCalls.Outcome;
import io.certbridge.support.openapi.OpenApiDescription;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Calls every operation of the description against the shared test hub over HTTP, its success and at least one of
 * its documented errors, and holds each answer (status, content type, body) against the description: an answer the
 * description does not allow fails the test that made it, and the last test fails for every operation never called.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiContractTest extends HubTestBase {

    /**
     * Operations whose success needs an outside account the shared hub is not configured with (an outside issuer, a
     * TrueScreen or TrustedForm account, a mail read by the issuance inbox, a wallet's key proof) or a failure that cannot
     * be staged on it;
     * their errors are still checked here, and their successes by the feature tests named.
     */
    private static final Map<String, String> SUCCESS_ELSEWHERE = Map.of(
            "GET /v1/certificates/{id}/certifications/{reportId}/artifacts/{type}", "TrueScreenCertificationTest",
            "POST /hooks/issuers/{name}", "TrueIssuerTest, SwanShareIssuanceTest, VecVaultIssuanceTest",
            "POST /hooks/truescreen/{name}", "TrueScreenCertificationTest",
            "GET /v1/issuers/{name}", "OutsideIssuersApiTest",
            "POST /v1/issuers/{name}/resume", "SwanShareIssuanceTest, VecVaultIssuanceTest",
            "POST /v1/truescreen/{name}/resume", "TrueScreenCertificationTest",
            "GET /v1/trustedform/retains/{id}", "TrustedFormRetainTest",
            "GET /v1/issuance-mails/{id}", "MailThroughARelayTest",
            "POST /oid4vci/credential", "WalletIssuanceTest (a wallet library proves its key)");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectProvider<EmbeddedPostgresServer> embeddedDatabase;

    private static ContractCalls contract;
    private final WebhookReceiver receiver = new WebhookReceiver();

    @BeforeEach
    void describe() {
        if (contract == null) {
            byte[] description = api().getBytes("/v1/openapi.json").body();
            contract = new ContractCalls("http://127.0.0.1:" + port, HubTest.BOOTSTRAP_KEY,
                    new OpenApiDescription(description));
        }
    }

    @AfterEach
    void answersConformed() {
        receiver.close();
        contract.assertConforms();
    }

    @Test
    void theDescriptionAndItsReferencePage() {
        Answer description = call("GET", "/v1/openapi.json").key(null).send(200);
        assertThat(description.header("ETag")).isNotBlank();
        assertThat(description.header("Cache-Control")).contains("max-age");
        Answer unchanged = call("GET", "/v1/openapi.json").key(null)
                .header("If-None-Match", description.header("ETag")).send();
        assertThat(unchanged.status()).isEqualTo(304);
        call("GET", "/v1/openapi.json").key(null).header("Accept", "text/html").send();

        Answer page = call("GET", "/v1/docs").key(null).send(200);
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("swagger-ui-bundle.js").doesNotContain("http://", "https://");
        call("GET", "/v1/docs").key(null).header("Accept", "application/json").send();
    }

    @Test
    void keysAndTheAuditLog() {
        Answer created = call("POST", "/v1/api-keys").json(Map.of("name", "contract", "scopes",
                List.of("certificates:read"), "environment", "live", "allowed_networks", List.of("127.0.0.1"))).send(201);
        call("POST", "/v1/api-keys").json(Map.of("name", "bad", "scopes", List.of("everything"),
                "environment", "live")).send();
        call("GET", "/v1/api-keys").send();
        call("GET", "/v1/api-keys").key(null).send();
        call("DELETE", "/v1/api-keys/" + created.text("id")).send();
        call("DELETE", "/v1/api-keys/key_unknown").send();

        call("GET", "/v1/audit-events?limit=5&method=POST").send();
        call("GET", "/v1/audit-events").key(created.text("key")).send();
        call("GET", "/v1/audit-events?from=yesterday").send();
    }

    @Test
    void templatesCertificatesBatchesAndAnalytics() {
        Answer template = call("POST", "/v1/templates").json(Map.of("name", "Contract " + UUID.randomUUID(),
                "description", "d", "criteria", "c",
                "fields", List.of(Map.of("name", "course", "type", "string", "required", true)))).send(201);
        call("POST", "/v1/templates").json(Map.of("name", "No fields", "fields", List.of(Map.of("name", "1x",
                "type", "colour")))).send();
        call("GET", "/v1/templates?limit=2").send();
        call("GET", "/v1/templates?limit=0").send();
        String templateId = template.text("id");
        call("GET", "/v1/templates/" + templateId).send();
        call("GET", "/v1/templates/tmpl_unknown").send();
        call("GET", "/v1/templates/" + templateId + "/preview").send();
        call("GET", "/v1/templates/tmpl_unknown/preview").send();
        call("POST", "/v1/templates/preview").json(Map.of("template", Map.of("name", "Draft",
                "fields", List.of(Map.of("name", "course", "type", "string", "required", true))),
                "fields", Map.of("course", "Drafting"))).send();
        call("POST", "/v1/templates/preview").json(Map.of("fields", Map.of())).send();

        String id = issue(templateId);
        call("POST", "/v1/certificates").json(Map.of("template_id", "tmpl_unknown",
                "recipient", Map.of("name", "A", "email", "a@example.com"), "fields", Map.of())).send();
        call("POST", "/v1/certificates").body("text/plain", "hello".getBytes(StandardCharsets.UTF_8)).send();
        call("GET", "/v1/certificates?limit=3&template_id=" + templateId).send();
        call("GET", "/v1/certificates?limit=many").send();
        call("GET", "/v1/certificates/" + id).send();
        call("GET", "/v1/certificates/cert_unknown").send();
        call("PATCH", "/v1/certificates/" + id).json(Map.of("status", "suspended")).send();
        call("PATCH", "/v1/certificates/" + id).json(Map.of("status", "issued")).send();
        call("PATCH", "/v1/certificates/" + id).json(Map.of("status", "gone")).send();
        call("GET", "/v1/certificates/" + id + "/pdf").send();
        call("GET", "/v1/certificates/cert_unknown/pdf").send();
        call("GET", "/v1/certificates/" + id + "/certifications").send();
        call("GET", "/v1/certificates/cert_unknown/certifications").send();
        call("GET", "/v1/certificates/" + id + "/certifications/rep_unknown/artifacts/report").send();

        Answer batch = call("POST", "/v1/certificates/batch").json(Map.of("template_id", templateId, "recipients",
                List.of(Map.of("name", "B", "email", "b@example.com", "fields", Map.of("course", "Batch"))))).send(202);
        call("POST", "/v1/certificates/batch").json(Map.of("recipients", List.of())).send();
        call("GET", "/v1/batches/" + batch.text("id")).send();
        call("GET", "/v1/batches/batch_unknown").send();
        String csv = "Name,Email,Course\nAda Lovelace,ada.csv@example.com,Engines\nNo Address,,Engines\n";
        call("POST", "/v1/batches/csv/preview").form(csvUpload(templateId, csv)).send();
        call("POST", "/v1/batches/csv/preview").form(csvUpload(templateId, "")).send();
        call("POST", "/v1/batches/csv").form(csvUpload(templateId, csv)).send();
        Answer uploaded = call("POST", "/v1/batches/csv").form(csvUpload(templateId, csv)
                .field("skip_invalid", "true")).send(202);
        call("GET", "/v1/batches/" + uploaded.text("id") + "/results.csv").send();
        call("GET", "/v1/batches/batch_unknown/results.csv").send();

        call("GET", "/v1/analytics?interval=week&template_id=" + templateId).send();
        call("GET", "/v1/analytics?format=csv").send();
        call("GET", "/v1/analytics?interval=fortnight").send();

        String revoked = issue(templateId);
        call("POST", "/v1/certificates/" + revoked + "/revoke").json(Map.of("reason", "contract")).send();
        call("POST", "/v1/certificates/" + revoked + "/revoke").json(Map.of("reason", "again")).send();
    }

    @Test
    void theVcApiAndKeyRetirement() {
        Answer issued = call("POST", "/v1/vc/credentials/issue")
                .json(Map.of("credential", UnsignedCredentials.openBadge("Contract"))).send(201);
        JsonNode credential = issued.json().get("verifiableCredential");
        call("POST", "/v1/vc/credentials/issue").json(UnsignedCredentials.openBadge("Contract, bare")).send(201);
        call("POST", "/v1/vc/credentials/issue").json(Map.of("credential", Map.of("hello", "world"))).send(400);
        call("POST", "/v1/vc/credentials/issue").key(null).json(UnsignedCredentials.openBadge("x")).send(401);
        Map<String, Object> revoke = Map.of("credentialId", credential.get("id").asText(), "credentialStatus",
                List.of(Map.of("type", "BitstringStatusListCredential", "status", "revoked")));
        call("POST", "/v1/vc/credentials/status").json(revoke).send(200);
        call("POST", "/v1/vc/credentials/status").json(Map.of("credentialId", credential.get("id").asText(),
                "credentialStatus", List.of(Map.of("type", "BitstringStatusListCredential", "status", "suspended"))))
                .send(409);
        call("POST", "/v1/vc/credentials/status").json(Map.of("credentialId", "urn:uuid:unknown",
                "credentialStatus", revoke.get("credentialStatus"))).send(404);
        call("POST", "/v1/vc/credentials/verify").key(null).json(Map.of("verifiableCredential", credential)).send(200);
        call("POST", "/v1/vc/credentials/verify").key(null).json(Map.of("hello", "world")).send(400);

        SigningKey retired = RecordedSigningKey.create(jdbc, embeddedDatabase);
        call("POST", "/v1/signing-keys/" + retired.multikey() + "/retire").json(Map.of("reason", "contract")).send(200);
        call("POST", "/v1/signing-keys/" + retired.multikey() + "/retire").json(Map.of("reason", "")).send(422);
        call("POST", "/v1/signing-keys/z6MkUnknown/retire").json(Map.of("reason", "contract")).send(404);
    }

    @Test
    void verificationAndThePublicDocuments() {
        String id = issue(courseTemplate());
        Answer verified = call("GET", "/v1/verify/" + id).key(null).send(200);
        call("GET", "/v1/verify/cert_unknown").key(null).send();
        call("POST", "/v1/verify").key(null).json(verified.json().get("credential")).send();
        call("POST", "/v1/verify").key(null).json(Map.of("hello", "world")).send();

        call("GET", "/verify").key(null).send();
        call("GET", "/verify").key(null).header("Accept", "application/json").send();
        call("POST", "/verify").key(null).form(new MultipartForm().field("credential",
                verified.json().get("credential").toString())).send();
        call("POST", "/verify").key(null).form(new MultipartForm().field("credential", "{\"hello\": \"world\"}")).send();
        call("GET", "/verify/" + id).key(null).send();
        call("GET", "/verify/cert_unknown").key(null).send();
        call("GET", "/verify/" + id + "/linkedin").key(null).send();
        call("GET", "/verify/cert_unknown/linkedin").key(null).send();
        call("GET", "/verify/" + id + "/certificate.pdf").key(null).send();
        call("GET", "/verify/cert_unknown/certificate.pdf").key(null).send();
        call("GET", "/credentials/" + id).key(null).send();
        call("GET", "/credentials/cert_unknown").key(null).send();
        for (String did : List.of("/.well-known/did.json", "/did.json", "/sandbox/did.json")) {
            call("GET", did).key(null).send();
            call("GET", did).key(null).header("Accept", "text/html").send();
        }
        Answer list = call("GET", "/status/revocation/0").key(null).send(200);
        call("GET", "/status/revocation/0").key(null).header("If-None-Match", list.header("ETag")).send(304);
        call("GET", "/status/revocation/99999").key(null).send();
    }

    @Test
    void walletOffersAndTheirMetadata() {
        String id = issue(courseTemplate());
        call("POST", "/v1/certificates/" + id + "/offers").json(Map.of()).send(201);
        call("POST", "/v1/certificates/cert_unknown/offers").json(Map.of()).send();
        call("GET", "/v1/certificates/" + id + "/offers").send();
        call("GET", "/v1/certificates/cert_unknown/offers").send();
        call("POST", "/verify/" + id + "/wallet").key(null).send();
        call("POST", "/verify/cert_unknown/wallet").key(null).send();
        for (String metadata : List.of("/.well-known/openid-credential-issuer", "/.well-known/oauth-authorization-server")) {
            call("GET", metadata).key(null).send();
            call("GET", metadata).key(null).header("Accept", "text/html").send();
        }

        String offerUri = call("POST", "/v1/certificates/" + id + "/offers").json(Map.of()).send(201)
                .text("credential_offer_uri");
        String offer = offerUri.substring(offerUri.indexOf("/oid4vci/offers/"));
        String code = call("GET", offer).key(null).send(200).json()
                .at("/grants/urn:ietf:params:oauth:grant-type:pre-authorized_code/pre-authorized_code").asText();
        call("GET", offer + "/qr.png").key(null).send(200);
        call("GET", "/oid4vci/offers/offer_unknown").key(null).send();
        call("GET", "/oid4vci/offers/offer_unknown/qr.png").key(null).send();
        call("POST", "/oid4vci/token").key(null).body("application/x-www-form-urlencoded", tokenRequest("unknown")).send(400);
        String token = call("POST", "/oid4vci/token").key(null).body("application/x-www-form-urlencoded",
                tokenRequest(code)).send(200).text("access_token");
        call("POST", "/oid4vci/nonce").key(null).send(200);
        call("POST", "/oid4vci/nonce").key(null).header("Accept", "text/html").send(406);
        Map<String, Object> request = Map.of("credential_configuration_id", "AchievementCredential",
                "proofs", Map.of("jwt", List.of("not.a.proof")));
        call("POST", "/oid4vci/credential").key(null).json(request).send(401);
        call("POST", "/oid4vci/credential").key(null).header("Authorization", "Bearer " + token).json(request).send(400);
    }

    private static byte[] tokenRequest(String preAuthorizedCode) {
        return ("grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:pre-authorized_code",
                StandardCharsets.UTF_8) + "&pre-authorized_code=" + URLEncoder.encode(preAuthorizedCode,
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theVaultAndItsOriginalFileChecks() {
        String templateId = courseTemplate();
        byte[] pdf = api().getBytes("/v1/certificates/" + issue(templateId) + "/pdf").body();
        Answer deposited = call("POST", "/v1/vault").form(new MultipartForm().field("template_id", templateId)
                .field("recipient_name", "Ada Lovelace").field("recipient_email", "vault@example.com")
                .field("title", "Analytical Engines").field("issue_date", "2025-06-30")
                .file("file", "certificate.pdf", "application/pdf", pdf)).send(202);
        call("POST", "/v1/vault").form(new MultipartForm().field("template_id", templateId)).send();
        JsonNode approved = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api().get("/v1/vault/" + deposited.text("id")).body(),
                        entry -> !entry.get("status").asText().equals("processing"));
        call("GET", "/v1/vault/" + deposited.text("id")).send();
        call("GET", "/v1/vault/vault_unknown").send();
        call("GET", "/v1/vault?limit=2&recipient_email=vault@example.com").send();
        call("GET", "/v1/vault?limit=-1").send();
        call("POST", "/v1/vault/" + deposited.text("id") + "/retry").send();
        call("POST", "/v1/vault/vault_unknown/retry").send();
        Answer locked = call("POST", "/v1/vault").form(new MultipartForm().field("template_id", templateId)
                .field("recipient_name", "Ada Lovelace").field("recipient_email", "vault@example.com")
                .field("title", "Locked").field("issue_date", "2025-06-30")
                .file("file", "locked.pdf", "application/pdf", CertificateFiles.lockedPdf("Ada", "secret"))).send(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api().get("/v1/vault/" + locked.text("id")).body().get("status").asText(), "failed"::equals);
        call("POST", "/v1/vault/" + locked.text("id") + "/retry").send();

        Answer file = call("POST", "/v1/vault/files").form(new MultipartForm()
                .file("file", "other.pdf", "application/pdf", pdf)).send(201);
        call("POST", "/v1/vault/files").form(new MultipartForm()
                .file("file", "notes.txt", "text/plain", "notes".getBytes(StandardCharsets.UTF_8))).send();
        Answer batch = call("POST", "/v1/vault/batches").json(Map.of("template_id", templateId, "entries",
                List.of(Map.of("file_id", file.text("file_id"), "recipient_name", "Grace Hopper",
                        "recipient_email", "grace@example.com", "title", "Compilers", "issue_date", "2025-06-30"))))
                .send(202);
        call("POST", "/v1/vault/batches").json(Map.of("template_id", templateId, "entries", List.of())).send();
        call("GET", "/v1/vault/batches/" + batch.text("id")).send();
        call("GET", "/v1/vault/batches/vbatch_unknown").send();

        String certificate = approved.path("certificate_id").asText();
        call("POST", "/v1/verify/" + certificate + "/file").key(null).json(Map.of("sha256", sha256(pdf))).send();
        call("POST", "/v1/verify/" + certificate + "/file").key(null)
                .form(new MultipartForm().file("file", "copy.pdf", "application/pdf", pdf)).send();
        call("POST", "/v1/verify/" + certificate + "/file").key(null).json(Map.of("sha256", "short")).send();
        call("POST", "/verify/" + certificate + "/file").key(null)
                .form(new MultipartForm().file("file", "copy.pdf", "application/pdf", pdf)).send();
        call("POST", "/verify/cert_unknown/file").key(null)
                .form(new MultipartForm().file("file", "copy.pdf", "application/pdf", pdf)).send();
    }

    @Test
    void hashCertifications() {
        byte[] document = ("contract " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        Answer created = call("POST", "/v1/hash-certifications").json(Map.of("title", "Contract documents",
                "files", List.of(Map.of("file_name", "contract.txt", "hash", sha256(document))))).send(201);
        call("POST", "/v1/hash-certifications").json("{not json").send();
        String report = created.text("report_id");
        JsonNode completed = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> api().get("/v1/certifications/" + report).body(),
                        view -> view.get("status").asText().equals("completed"));
        call("GET", "/v1/certifications/" + report).send();
        call("GET", "/v1/certifications/" + UUID.randomUUID()).send();
        for (JsonNode file : completed.get("files")) {
            String url = file.get("url").asText();
            call("GET", url.substring(url.indexOf("/v1/"))).key(null).send();
        }
        call("GET", "/v1/certifications/" + report + "/files/data?expires=1&signature=forged").key(null).send();
        call("POST", "/v1/certifications/" + report + "/verify").key(null).json(Map.of("hash", sha256(document)))
                .send();
        call("POST", "/v1/certifications/" + report + "/verify").key(null)
                .form(new MultipartForm().file("file", "contract.txt", "text/plain", document)).send();
        call("POST", "/v1/certifications/" + UUID.randomUUID() + "/verify").key(null)
                .json(Map.of("hash", sha256(document))).send();
    }

    @Test
    void intakeRulesWritebacksAndDeliveries() {
        String templateId = courseTemplate();
        long course = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000);
        MoodleEmulator moodle = OutsideSystems.moodle();
        moodle.addProfileField("certificate_url");
        moodle.addUser(course + 1, "Ada", "Lovelace", "moodle." + course + "@example.com");
        Answer rule = call("POST", "/v1/rules").json(Map.of("name", "Contract " + course, "source", "moodle",
                "event_type", "\\core\\event\\course_completed", "course_id", String.valueOf(course),
                "template_id", templateId, "fields", Map.of("course", "Moodle course " + course),
                "writebacks", List.of(Map.of("type", "moodle_profile_field", "field", "certificate_url")))).send(201);
        call("POST", "/v1/rules").json(Map.of("name", "incomplete")).send();
        String ruleId = rule.text("id");
        call("GET", "/v1/rules?limit=100").send();
        call("GET", "/v1/rules?limit=1000").send();
        call("GET", "/v1/rules/" + ruleId).send();
        call("GET", "/v1/rules/rule_unknown").send();
        call("POST", "/v1/rules/dry-run").json(Map.of("rule_id", ruleId, "event", Map.of("source", "moodle",
                "body", IntakeFixtures.sample("moodle-course_completed.json")))).send();
        call("POST", "/v1/rules/dry-run").json(Map.of("event", Map.of("source", "moodle", "body", Map.of())))
                .send();

        ObjectNode event = IntakeFixtures.sample("moodle-course_completed.json");
        event.put("courseid", String.valueOf(course)).put("objectid", String.valueOf(course))
                .put("relateduserid", String.valueOf(course + 1));
        ((ObjectNode) event.get("other")).put("relateduserid", String.valueOf(course + 1));
        JsonNode writeback;
        moodle.allowUserUpdates(false);
        try {
            call("POST", "/hooks/moodle").key(null).json(event.toString()).send(202);
            writeback = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> failedWriteback("moodle." + course + "@example.com"), JsonNode::isObject);
        } finally {
            moodle.allowUserUpdates(true);
        }
        ObjectNode forged = event.deepCopy().put("token", "guess");
        call("POST", "/hooks/moodle").key(null).json(forged.toString()).send();

        String canvas = LmsPayloads.canvas("canvas-course_completed.json", "u" + course, "c" + course,
                "canvas." + course + "@example.com").toString();
        call("POST", "/hooks/canvas?token=" + OutsideSystems.CANVAS_URL_TOKEN).key(null).json(canvas).send();
        call("POST", "/hooks/canvas").key(null).json(canvas).send();

        String relayed = "{\"event\":\"session.archived\",\"data\":{\"participant\":{\"id\":\"p" + course
                + "\",\"name\":\"A\",\"email\":\"a@example.com\"},\"course\":{\"id\":\"c\",\"name\":\"C\"}}}";
        Map<String, String> signature = StandardWebhooksSender.headers(OutsideSystems.RELAY_SECRET,
                "msg_" + course, Instant.now().getEpochSecond(), relayed.getBytes(StandardCharsets.UTF_8));
        ContractCalls.Call generic = call("POST", "/hooks/generic/relay").key(null).json(relayed);
        signature.forEach(generic::header);
        generic.send();
        call("POST", "/hooks/generic/relay").key(null).json(relayed).send();
        call("POST", "/hooks/generic/nowhere").key(null).json(relayed).send();
        call("POST", "/hooks/issuers/nobody").key(null).json("{}").send();
        call("POST", "/hooks/truescreen/nobody").key(null).json("{}").send();

        String intakeId = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> intakeEventOfCourse(String.valueOf(course)), id -> id != null);
        String sandbox = keyWith("test", "rules:manage").key();
        call("GET", "/v1/intake-events?source=moodle&limit=5").send();
        call("GET", "/v1/intake-events").key(sandbox).send();
        call("GET", "/v1/intake-events/" + intakeId).send();
        call("GET", "/v1/intake-events/evt_unknown").send();
        call("POST", "/v1/intake-events/" + intakeId + "/replay").send();
        call("POST", "/v1/intake-events/evt_unknown/replay").send();
        call("GET", "/v1/salesforce/channels").send();
        call("GET", "/v1/salesforce/channels").key(keyWith("live", "certificates:read").key()).send();

        call("GET", "/v1/writebacks?status=done&limit=5").send();
        call("GET", "/v1/writebacks?status=lost").send();
        call("GET", "/v1/writebacks/" + writeback.get("id").asText()).send();
        call("GET", "/v1/writebacks/wb_unknown").send();
        call("POST", "/v1/writebacks/" + writeback.get("id").asText() + "/retry").send();
        call("POST", "/v1/writebacks/wb_unknown/retry").send();
        call("GET", "/v1/deliveries?limit=5").send();
        call("GET", "/v1/deliveries?status=lost").send();
        call("GET", "/v1/deliveries/" + writeback.get("id").asText()).send();
        call("GET", "/v1/deliveries/dlv_unknown").send();
        call("POST", "/v1/deliveries/dlv_unknown/retry").send();
        call("POST", "/v1/deliveries/replay").json(Map.of("certificate_id", writeback.get("certificate_id").asText()))
                .send();
        call("POST", "/v1/deliveries/replay").json(Map.of("since", "last week")).send();

        call("PUT", "/v1/rules/" + ruleId).json(Map.of("name", "Contract (renamed)", "source", "moodle",
                "event_type", "\\core\\event\\course_completed", "course_id", String.valueOf(course),
                "template_id", templateId)).send();
        call("PUT", "/v1/rules/rule_unknown").json(Map.of("name", "x", "source", "moodle",
                "event_type", "x", "template_id", templateId)).send();
        call("DELETE", "/v1/rules/" + ruleId).send();
        call("DELETE", "/v1/rules/" + ruleId).send();
    }

    @Test
    void webhookEndpointsAndTheirDeliveries() {
        receiver.answer(IntStream.range(0, 40).map(attempt -> 500).toArray());
        Answer endpoint = call("POST", "/v1/webhook-endpoints").json(Map.of("url", receiver.url(),
                "events", List.of("certificate.issued"), "description", "contract")).send(201);
        call("POST", "/v1/webhook-endpoints").json(Map.of("url", "not a url", "events",
                List.of("certificate.issued"))).send();
        String id = endpoint.text("id");
        call("GET", "/v1/webhook-endpoints?limit=5").send();
        call("GET", "/v1/webhook-endpoints?limit=zero").send();
        call("GET", "/v1/webhook-endpoints/" + id).send();
        call("GET", "/v1/webhook-endpoints/whep_unknown").send();
        call("PATCH", "/v1/webhook-endpoints/" + id).json(Map.of("description", "renamed")).send();
        call("PATCH", "/v1/webhook-endpoints/whep_unknown").json(Map.of("description", "x")).send();
        call("POST", "/v1/webhook-endpoints/" + id + "/rotate-secret").send();
        call("POST", "/v1/webhook-endpoints/whep_unknown/rotate-secret").send();

        String template = courseTemplate();
        issue(template);
        issue(template);
        List<String> failed = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> failedMessages(id), messages -> messages.size() >= 2);
        call("GET", "/v1/webhook-endpoints/" + id + "/deliveries?limit=5").send();
        call("GET", "/v1/webhook-endpoints/whep_unknown/deliveries").send();
        receiver.answerOk();
        call("POST", "/v1/webhook-endpoints/" + id + "/deliveries/" + failed.get(0) + "/resend").send();
        call("POST", "/v1/deliveries/" + failed.get(1) + "/retry").send();
        call("POST", "/v1/webhook-endpoints/" + id + "/deliveries/msg_unknown/resend").send();
        call("POST", "/v1/webhook-endpoints/" + id + "/replay").json(Map.of("since", Instant.now()
                .minusSeconds(3600).toString())).send();
        call("POST", "/v1/webhook-endpoints/" + id + "/replay").json(Map.of("since", "an hour ago")).send();

        call("DELETE", "/v1/webhook-endpoints/" + id).send();
        call("DELETE", "/v1/webhook-endpoints/" + id).send();
    }

    @Test
    void outsideIssuersAndAccounts() {
        String reader = keyWith("live", "certificates:read").key();
        call("GET", "/v1/issuers").send();
        call("GET", "/v1/issuers").key(reader).send();
        call("GET", "/v1/issuers/nobody").send();
        call("POST", "/v1/issuers/nobody/resume").send();
        call("POST", "/v1/truescreen/nobody/resume").send();
        call("GET", "/v1/trustedform/retains?limit=5").send();
        call("GET", "/v1/trustedform/retains?limit=500").send();
        call("GET", "/v1/trustedform/retains/ret_unknown").send();
        call("GET", "/v1/trustedform/status").send();
        call("GET", "/v1/trustedform/status").key(reader).send();
        call("POST", "/v1/trustedform/resume").send();
        call("POST", "/v1/trustedform/resume").key(reader).send();
        call("GET", "/v1/issuance-mails?limit=5").send();
        call("GET", "/v1/issuance-mails").key(keyWith("test", "certificates:read").key()).send();
        call("GET", "/v1/issuance-mails/mail_unknown").send();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyDescribedOperationWasCalledWithSuccessAndWithAnError() {
        Map<OpenApiDescription.Operation, Set<Outcome>> seen = contract.seen();
        Map<String, Set<Outcome>> missing = new TreeMap<>();
        for (OpenApiDescription.Operation operation : new OpenApiDescription(
                api().getBytes("/v1/openapi.json").body()).operations()) {
            Set<Outcome> outcomes = seen.getOrDefault(operation, Set.of());
            boolean complete = outcomes.contains(Outcome.ERROR)
                    && (outcomes.contains(Outcome.SUCCESS) || SUCCESS_ELSEWHERE.containsKey(operation.toString()));
            if (!complete) {
                missing.put(operation.toString(), outcomes);
            }
        }
        assertThat(missing).as("operations not called with success and with an error (what was seen)").isEmpty();
    }

    private ContractCalls.Call call(String method, String path) {
        return contract.call(method, path);
    }

    /** The failed write-back of the certificate issued to {@code email}, or a missing node while there is none. */
    private JsonNode failedWriteback(String email) {
        JsonNode certificates = api().get("/v1/certificates?recipient_email=" + email).body().get("data");
        if (certificates.isEmpty()) {
            return MissingNode.getInstance();
        }
        JsonNode writebacks = api().get("/v1/writebacks?status=failed&certificate_id="
                + certificates.get(0).get("id").asText()).body().get("data");
        return writebacks.path(0);
    }

    private String intakeEventOfCourse(String course) {
        for (JsonNode event : api().get("/v1/intake-events?source=moodle&limit=100").body().get("data")) {
            if (course.equals(event.path("course_id").asText())) {
                return event.get("id").asText();
            }
        }
        return null;
    }

    private static MultipartForm csvUpload(String templateId, String csv) {
        return new MultipartForm().field("template_id", templateId)
                .file("file", "learners.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> failedMessages(String endpoint) {
        List<String> failed = new ArrayList<>();
        api().get("/v1/webhook-endpoints/" + endpoint + "/deliveries?limit=100").body().get("data").forEach(message -> {
            if (message.get("status").asText().equals("failed")) {
                failed.add(message.get("id").asText());
            }
        });
        return failed;
    }

    private String issue(String templateId) {
        Answer issued = call("POST", "/v1/certificates").json(Map.of("template_id", templateId,
                "recipient", Map.of("name", "Ada Lovelace", "email", "contract@example.com"),
                "fields", Map.of("course", "Analytical Engines"))).send();
        assertThat(issued.status()).as(new String(issued.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        return issued.text("id");
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
