package io.certbridge.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a wallet, or someone holding an offer that is not theirs, is refused over HTTP, each in OpenID4VCI's or OAuth's
 * own error format with 400 or 401, and that nothing is issued for it: offers used twice, expired, of a revoked
 * certificate, wrong transaction codes up to the limit, and key proofs with the wrong nonce, audience, algorithm, age
 * or signature.
 */
class WalletRefusalsTest extends HubTestBase {

    private static final String PRE_AUTHORIZED_CODE = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

    @Value("${certbridge.public-base-url}")
    private String issuer;

    @Autowired
    private JdbcClient jdbc;

    private final WalletKey key = new WalletKey();

    @Test
    void anOfferIsRedeemedOnce() {
        String code = preAuthorizedCode(offer(issue()));

        ApiClient.Response first = token(code, null);
        ApiClient.Response second = token(code, null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(first.header("Cache-Control")).contains("no-store");
        assertRefused(second, 400, "invalid_grant");
    }

    @Test
    void anExpiredOfferIsNotServedNorRedeemed() {
        JsonNode offer = offer(issue());
        String code = preAuthorizedCode(offer);
        jdbc.sql("update wallet_offers set expires_at = now() - interval '1 second' where id = ?")
                .param(offer.get("id").asText()).update();

        assertThat(anonymous().get(path(offer)).status()).isEqualTo(404);
        assertRefused(token(code, null), 400, "invalid_grant");
        assertThat(api().get("/v1/certificates/" + offer.get("certificate_id").asText() + "/offers").body()
                .at("/data/0/status").asText()).isEqualTo("expired");
    }

    @Test
    void aRevokedCertificateIsNotOfferedNorRedeemedNorIssuedToATokenTakenBefore() {
        String revokedFirst = issue();
        api().post("/v1/certificates/" + revokedFirst + "/revoke", Map.of("reason", "withdrawn"));
        String certificate = issue();
        JsonNode unredeemed = offer(certificate);
        String unredeemedCode = preAuthorizedCode(unredeemed);
        JsonNode redeemed = offer(certificate);
        String token = accessToken(redeemed);

        api().post("/v1/certificates/" + certificate + "/revoke", Map.of("reason", "withdrawn"));

        ApiClient.Response refusedOffer = api().post("/v1/certificates/" + revokedFirst + "/offers", Map.of());
        assertThat(refusedOffer.status()).isEqualTo(409);
        assertThat(refusedOffer.body().get("code").asText()).isEqualTo("certificate_not_valid");
        assertThat(anonymous().get(path(unredeemed)).status()).isEqualTo(404);
        assertRefused(token(unredeemedCode, null), 400, "invalid_grant");
        assertRefused(credential(token, proof(key.header(), nonce())), 400, "credential_request_denied");
        assertNotClaimed(certificate);
    }

    @Test
    void wrongTransactionCodesAreRefusedAndAfterTheLimitEvenTheRightOne() {
        JsonNode offer = sandboxOfferWithTxCode();
        String code = preAuthorizedCode(offer);
        String right = offer.get("tx_code").asText();
        String wrong = right.equals("000000") ? "000001" : "000000";

        assertRefused(token(code, null), 400, "invalid_request");
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertRefused(token(code, wrong), 400, "invalid_grant");
        }
        assertRefused(token(code, right), 400, "invalid_grant");
    }

    @Test
    void theRightTransactionCodeBeforeTheLimitRedeems() {
        JsonNode offer = sandboxOfferWithTxCode();
        String right = offer.get("tx_code").asText();

        assertRefused(token(preAuthorizedCode(offer), right.equals("000000") ? "000001" : "000000"), 400,
                "invalid_grant");
        assertThat(token(preAuthorizedCode(offer), right).status()).isEqualTo(200);
    }

    @Test
    void keyProofsWithAWrongNonceAudienceAlgorithmAgeOrSignatureIssueNothingAndTheRightOneIssuesOnce() {
        String certificate = issue();
        String token = accessToken(offer(certificate));
        String usedNonce = nonce();
        assertThat(credential(token, proof(key.header(), usedNonce)).status()).isEqualTo(200);
        String other = issue();
        String otherToken = accessToken(offer(other));

        Map<String, Object> es256 = key.header();
        es256.put("alg", "ES256");
        Map<String, Object> none = key.header();
        none.put("alg", "none");
        Map<String, Object> jwtTyp = key.header();
        jwtTyp.put("typ", "JWT");
        Map<String, Object> wrongAudience = WalletKey.claims("https://wallet-issuer.example", nonce());
        Map<String, Object> old = WalletKey.claims(issuer, nonce());
        old.put("iat", System.currentTimeMillis() / 1000 - 3600);

        assertRefused(credential(otherToken, proof(key.header(), usedNonce)), 400, "invalid_nonce");
        assertRefused(credential(otherToken, proof(key.header(), "never-handed-out")), 400, "invalid_nonce");
        assertRefused(credential(otherToken, key.sign(key.header(), wrongAudience)), 400, "invalid_proof");
        assertRefused(credential(otherToken, proof(es256, nonce())), 400, "invalid_proof");
        assertRefused(credential(otherToken, proof(none, nonce())), 400, "invalid_proof");
        assertRefused(credential(otherToken, proof(jwtTyp, nonce())), 400, "invalid_proof");
        assertRefused(credential(otherToken, key.sign(key.header(), old)), 400, "invalid_proof");
        assertRefused(credential(otherToken, WalletKey.tampered(proof(key.header(), nonce()))), 400, "invalid_proof");
        assertNotClaimed(other);

        assertThat(credential(otherToken, proof(key.header(), nonce())).status()).isEqualTo(200);
        assertRefused(credential(otherToken, proof(key.header(), nonce())), 401, "invalid_token");
    }

    @Test
    void aCredentialRequestNeedsAKnownTokenAndConfigurationAndOneProof() {
        String token = accessToken(offer(issue()));
        String proof = proof(key.header(), nonce());

        ApiClient.Response unknownToken = credential("not-a-token", proof);
        assertRefused(unknownToken, 401, "invalid_token");
        assertThat(unknownToken.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
        assertRefused(anonymous().send("POST", "/oid4vci/credential", Map.of("credential_configuration_id",
                "UniversityDegree", "proofs", Map.of("jwt", List.of(proof))), Map.of("Authorization", "Bearer " + token)),
                400, "unknown_credential_configuration");
        assertRefused(anonymous().send("POST", "/oid4vci/credential", Map.of("credential_configuration_id",
                "AchievementCredential"), Map.of("Authorization", "Bearer " + token)), 400, "invalid_proof");
        assertRefused(anonymous().send("POST", "/oid4vci/credential", "[]", Map.of("Authorization", "Bearer " + token)),
                400, "invalid_credential_request");
        assertRefused(token("unknown-code", null), 400, "invalid_grant");
        assertRefused(anonymous().send("POST", "/oid4vci/token", "grant_type=client_credentials",
                Map.of("Content-Type", "application/x-www-form-urlencoded")), 400, "unsupported_grant_type");
        assertRefused(anonymous().post("/oid4vci/token", Map.of("grant_type", PRE_AUTHORIZED_CODE)), 400,
                "invalid_request");
    }

    private String issue() {
        return api().post("/v1/certificates", certificate(courseTemplate(), "wallet.refusals@example.org"))
                .body().get("id").asText();
    }

    private JsonNode offer(String certificateId) {
        ApiClient.Response offer = api().post("/v1/certificates/" + certificateId + "/offers", Map.of());
        assertThat(offer.status()).as(String.valueOf(offer.body())).isEqualTo(201);
        return offer.body();
    }

    /** A sandbox certificate's offer, whose code the API caller gets, as its recipient is never e-mailed. */
    private JsonNode sandboxOfferWithTxCode() {
        ApiClient sandbox = keyWith("test", "certificates:write", "templates:manage");
        String certificate = sandbox.post("/v1/certificates", certificate(courseTemplate(), "sandbox@example.org"))
                .body().get("id").asText();
        JsonNode offer = sandbox.post("/v1/certificates/" + certificate + "/offers", Map.of("tx_code", true)).body();
        assertThat(offer.get("tx_code").asText()).matches("\\d{6}");
        return offer;
    }

    private String path(JsonNode offer) {
        return offer.get("credential_offer_uri").asText().substring(issuer.length());
    }

    private String preAuthorizedCode(JsonNode offer) {
        return anonymous().get(path(offer)).body()
                .at("/grants/" + PRE_AUTHORIZED_CODE.replace("/", "~1") + "/pre-authorized_code").asText();
    }

    private String accessToken(JsonNode offer) {
        ApiClient.Response token = token(preAuthorizedCode(offer), null);
        assertThat(token.status()).isEqualTo(200);
        return token.body().get("access_token").asText();
    }

    private ApiClient.Response token(String code, String txCode) {
        String form = "grant_type=" + URLEncoder.encode(PRE_AUTHORIZED_CODE, StandardCharsets.UTF_8)
                + "&pre-authorized_code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + (txCode == null ? "" : "&tx_code=" + txCode);
        return anonymous().send("POST", "/oid4vci/token", form,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
    }

    private String nonce() {
        return anonymous().send("POST", "/oid4vci/nonce", null, Map.of()).body().get("c_nonce").asText();
    }

    private String proof(Map<String, Object> header, String nonce) {
        return key.sign(header, WalletKey.claims(issuer, nonce));
    }

    private ApiClient.Response credential(String token, String proof) {
        return anonymous().send("POST", "/oid4vci/credential", Map.of("credential_configuration_id",
                "AchievementCredential", "proofs", Map.of("jwt", List.of(proof))), Map.of("Authorization", "Bearer " + token));
    }

    private void assertNotClaimed(String certificateId) {
        assertThat(api().get("/v1/certificates/" + certificateId + "/offers").body().get("data"))
                .allSatisfy(offer -> assertThat(offer.get("claimed_at").isNull()).isTrue());
    }

    private static void assertRefused(ApiClient.Response response, int status, String error) {
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(status);
        assertThat(response.body().get("error").asText()).isEqualTo(error);
        assertThat(response.body().get("error_description").asText()).isNotBlank();
    }
}
