package io.certbridge.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.NodeCredentialVerifier;
import io.certbridge.support.NodeCredentialVerifier.HttpResult;
import io.certbridge.support.NodeWallet;
import io.certbridge.support.NodeWallet.Claim;
import io.certbridge.support.NodeWallet.KeyBinding;
import io.certbridge.support.OutsideSystems;
import io.certbridge.support.TestResources;
import io.certbridge.support.WebhookReceiver;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * A wallet built on the OpenWallet Foundation's OpenID4VCI libraries (@openid4vc/openid4vci and @openid4vc/oauth2,
 * npm, versions locked) redeems the hub's offers end to end: the credential it receives is bound to its key and
 * verifies with Digital Bazaar's libraries fetching the DID document and status lists from the hub, and the hub
 * records the claim and announces certificate.claimed.
 */
class WalletIssuanceTest extends HubTestBase {

    private static final Pattern TX_CODE = Pattern.compile("enter:\\s+(\\d{6})\\s");

    @Value("${certbridge.public-base-url}")
    private String publicBaseUrl;

    private final WebhookReceiver receiver = new WebhookReceiver();
    private final GreenMail mail = OutsideSystems.mail();

    @AfterEach
    void close() {
        receiver.close();
    }

    @Test
    void aWalletProvingItsDidKeyReceivesTheCredentialBoundToItWhichVerifiesAndFollowsTheCertificatesStatus()
            throws IOException {
        api().post("/v1/webhook-endpoints", Map.of("url", receiver.url(), "events", List.of("certificate.claimed")));
        JsonNode certificate = api().post("/v1/certificates", certificate(courseTemplate(), "ada.wallet@example.org"))
                .body();
        String id = certificate.get("id").asText();
        ApiClient.Response offer = api().post("/v1/certificates/" + id + "/offers", Map.of());
        assertThat(offer.status()).as(offer.body().toString()).isEqualTo(201);
        assertThat(offer.body().get("offer_url").asText()).startsWith("openid-credential-offer://?credential_offer_uri=")
                .isEqualTo(offer.body().get("qr_data").asText());

        Claim claim = claim(offer.body(), null, KeyBinding.DID_KEY);

        assertThat(claim.error()).isNull();
        assertThat(claim.holderDid()).startsWith("did:key:z6Mk");
        JsonNode credential = claim.credential();
        assertThat(credential.at("/credentialSubject/id").asText()).isEqualTo(claim.holderDid());
        JsonNode issued = certificate.get("credential");
        assertThat(credential.get("id")).isEqualTo(issued.get("id"));
        assertThat(credential.get("credentialStatus")).isEqualTo(issued.get("credentialStatus"));
        assertThat(credential.at("/proof/0/cryptosuite").asText()).isEqualTo("eddsa-rdfc-2022");
        assertThat(verifyOverHttp(credential))
                .isEqualTo(new HttpResult(true, null, Map.of("revocation", false, "suspension", false)));

        JsonNode recorded = api().get("/v1/certificates/" + id + "/offers").body().at("/data/0");
        assertThat(recorded.get("status").asText()).isEqualTo("claimed");
        assertThat(recorded.get("holder_did").asText()).isEqualTo(claim.holderDid());
        assertThat(recorded.get("claimed_at").isTextual()).isTrue();
        JsonNode announced = await().atMost(Duration.ofSeconds(30)).until(() -> claimed(id), e -> !e.isEmpty()).getFirst();
        assertThat(announced.at("/data/holder_did").asText()).isEqualTo(claim.holderDid());
        assertThat(announced.at("/data/offer_id").asText()).isEqualTo(offer.body().get("id").asText());

        Claim again = claim(offer.body(), null, KeyBinding.DID_KEY);
        assertThat(again.credential()).isNull();
        assertThat(again.status()).as(again.error()).isEqualTo(404);

        api().post("/v1/certificates/" + id + "/revoke", Map.of("reason", "issued in error"));
        assertThat(verifyOverHttp(credential))
                .isEqualTo(new HttpResult(true, null, Map.of("revocation", true, "suspension", false)));
    }

    @Test
    void anOfferWithATransactionCodeIsRedeemedWithTheCodeFromTheRecipientsEmailNotAWrongOneAndAJwkKey() {
        String email = "grace.wallet." + UUID.randomUUID() + "@example.org";
        String id = api().post("/v1/certificates", certificate(courseTemplate(), email)).body().get("id").asText();
        JsonNode offer = api().post("/v1/certificates/" + id + "/offers", Map.of("tx_code", true)).body();
        assertThat(offer.get("tx_code_required").asBoolean()).isTrue();
        assertThat(offer.has("tx_code")).as("a live offer's code goes to the recipient only").isFalse();
        String code = await().atMost(Duration.ofSeconds(30)).until(() -> txCodeMailedTo(email), c -> !c.isEmpty())
                .getFirst();
        String wrong = code.equals("000000") ? "000001" : "000000";

        Claim refused = claim(offer, wrong, KeyBinding.JWK);
        Claim claim = claim(offer, code, KeyBinding.JWK);

        assertThat(refused.error()).isEqualTo("invalid_grant");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(claim.error()).isNull();
        assertThat(claim.holderDid()).startsWith("did:jwk:");
        assertThat(claim.credential().at("/credentialSubject/id").asText()).isEqualTo(claim.holderDid());
        assertThat(verifyOverHttp(claim.credential()).verified()).isTrue();
    }

    private Claim claim(JsonNode offer, String txCode, KeyBinding binding) {
        return NodeWallet.claim(offer.get("offer_url").asText(), txCode, binding, publicBaseUrl, api().baseUrl());
    }

    private HttpResult verifyOverHttp(JsonNode credential) {
        return NodeCredentialVerifier.verifyOverHttp(credential.toString(), TestResources.publicContexts(),
                publicBaseUrl, api().baseUrl());
    }

    private List<JsonNode> claimed(String certificateId) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (WebhookReceiver.Received received : receiver.received()) {
            JsonNode event = ApiClient.json().readTree(received.body());
            if (event.path("type").asText().equals("certificate.claimed")
                    && certificateId.equals(event.at("/data/certificate_id").asText())) {
                events.add(event);
            }
        }
        return events;
    }

    private List<String> txCodeMailedTo(String email) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> addressedTo(m, email)).map(m -> {
            try {
                Matcher code = TX_CODE.matcher(m.getContent().toString());
                return code.find() ? code.group(1) : null;
            } catch (IOException | MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).filter(c -> c != null).toList();
    }

    private static boolean addressedTo(MimeMessage message, String email) {
        try {
            return message.getAllRecipients() != null
                    && ((InternetAddress) message.getAllRecipients()[0]).getAddress().equals(email);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
