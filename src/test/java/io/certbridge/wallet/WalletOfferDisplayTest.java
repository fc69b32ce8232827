package io.certbridge.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.icegreen.greenmail.util.GreenMail;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.NodeWallet;
import io.certbridge.support.NodeWallet.Claim;
import io.certbridge.support.NodeWallet.KeyBinding;
import io.certbridge.support.OutsideSystems;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.util.HtmlUtils;

/**
 * The offers people see (certbridge.wallet.offer-in-email and offer-on-page, on in the tests): the certificate's
 * e-mail carries an offer's link and QR code, which a wallet redeems; the verification page's "Add to a wallet" shows
 * an offer whose transaction code goes to the recipient only, the same one to a visitor asking again.
 */
class WalletOfferDisplayTest extends HubTestBase {

    private static final Pattern OFFER_LINK = Pattern.compile("(openid-credential-offer://\\?credential_offer_uri=[^\\s\"<]+)");
    private static final Pattern TX_CODE = Pattern.compile("enter:\\s+(\\d{6})\\s");

    @Value("${certbridge.public-base-url}")
    private String publicBaseUrl;

    private final GreenMail mail = OutsideSystems.mail();

    @Test
    void theCertificatesEmailCarriesAnOfferWhoseLinkAndQrCodeAWalletRedeems() throws Exception {
        String email = "emailed.wallet." + UUID.randomUUID() + "@example.org";
        ApiClient.Response issued = api().post("/v1/certificates", Map.of("template_id", emailedTemplate(),
                "recipient", Map.of("name", "Ada Lovelace", "email", email), "fields", Map.of("course", "Wallets")));
        assertThat(issued.status()).as(String.valueOf(issued.body())).isEqualTo(201);

        String text = await().atMost(Duration.ofSeconds(30)).until(() -> textsTo(email, "Your certificate"),
                texts -> !texts.isEmpty()).getFirst();
        Matcher link = OFFER_LINK.matcher(text);
        assertThat(link.find()).as(text).isTrue();
        String offerUri = URLDecoder.decode(link.group(1).substring(link.group(1).indexOf('=') + 1),
                StandardCharsets.UTF_8);
        byte[] png = anonymous().getBytes(offerUri.substring(publicBaseUrl.length()) + "/qr.png").body();
        assertThat(qrText(png)).isEqualTo(link.group(1));

        Claim claim = NodeWallet.claim(link.group(1), null, KeyBinding.DID_KEY, publicBaseUrl, api().baseUrl());

        assertThat(claim.error()).isNull();
        assertThat(claim.credential().at("/credentialSubject/id").asText()).isEqualTo(claim.holderDid());
        assertThat(anonymous().getBytes(offerUri.substring(publicBaseUrl.length()) + "/qr.png").statusCode())
                .as("a used offer's QR code is gone").isEqualTo(404);
    }

    @Test
    void theVerificationPageOffersALiveCertificateWithACodeForTheRecipientOnlyAndTheSameOfferToAVisitorAskingAgain()
            throws Exception {
        String email = "page.wallet." + UUID.randomUUID() + "@example.org";
        String id = api().post("/v1/certificates", certificate(courseTemplate(), email)).body().get("id").asText();
        ApiClient sandbox = keyWith("test", "certificates:write");
        String sandboxId = sandbox.post("/v1/certificates", certificate(courseTemplate(), email)).body()
                .get("id").asText();

        String page = anonymous().get("/verify/" + id).raw().body();
        ApiClient.Response offered = anonymous().send("POST", "/verify/" + id + "/wallet", null, Map.of());
        ApiClient.Response again = anonymous().send("POST", "/verify/" + id + "/wallet", null, Map.of());

        assertThat(page).contains("action=\"/verify/" + id + "/wallet\"", "id=\"add-to-wallet\"");
        assertThat(anonymous().get("/verify/" + sandboxId).raw().body()).doesNotContain("add-to-wallet");
        assertThat(offered.status()).isEqualTo(200);
        Matcher link = OFFER_LINK.matcher(HtmlUtils.htmlUnescape(offered.raw().body()));
        assertThat(link.find()).as(offered.raw().body()).isTrue();
        assertThat(HtmlUtils.htmlUnescape(again.raw().body())).contains(link.group(1));
        String code = await().atMost(Duration.ofSeconds(30)).until(() -> codesTo(email), c -> !c.isEmpty()).getFirst();
        Claim claim = NodeWallet.claim(link.group(1), code, KeyBinding.DID_KEY, publicBaseUrl, api().baseUrl());
        assertThat(claim.error()).isNull();
        assertThat(codesTo(email)).as("one e-mail for both visits").hasSize(1);
    }

    private String emailedTemplate() {
        return api().post("/v1/templates", Map.of("name", "Emailed course " + UUID.randomUUID(), "email_delivery", true,
                "fields", List.of(Map.of("name", "course", "type", "string", "required", true)))).body()
                .get("id").asText();
    }

    private List<String> codesTo(String email) throws Exception {
        List<String> codes = new ArrayList<>();
        for (String text : textsTo(email, "Your code to add")) {
            Matcher code = TX_CODE.matcher(text);
            if (code.find()) {
                codes.add(code.group(1));
            }
        }
        return codes;
    }

    /** The plain text of each message to {@code email} whose subject starts so. */
    private List<String> textsTo(String email, String subject) throws Exception {
        List<String> texts = new ArrayList<>();
        for (MimeMessage message : Arrays.asList(mail.getReceivedMessages())) {
            if (message.getAllRecipients() != null
                    && ((InternetAddress) message.getAllRecipients()[0]).getAddress().equals(email)
                    && message.getSubject().startsWith(subject)) {
                texts.add(plainText(message.getContent()));
            }
        }
        return texts;
    }

    private static String plainText(Object content) throws Exception {
        if (content instanceof String text) {
            return text;
        }
        Multipart parts = (Multipart) content;
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.isMimeType("multipart/*")) {
                String text = plainText(part.getContent());
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    private static String qrText(byte[] png) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
    }
}
