package io.certbridge.support;

import io.certbridge.emulator.CanvasEmulator;
import io.certbridge.emulator.MoodleEmulator;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.certbridge.emulator.salesforce.SalesforceEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The emulated Canvas, Moodle and Salesforce that the shared test hub talks to, started once, and the
 * settings that point the hub at them: their APIs, the Canvas JWKS, the Moodle webhook token, the
 * Salesforce org and its connected app, and a generic JSON source signed the Standard Webhooks way.
 */
public final class OutsideSystems {

    /** What signs the hub's callbacks to URLs given with a request (hash certifications' webhook_url). */
    public static final String CALLBACK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public static final String CANVAS_API_TOKEN = "canvas-admin-token-7c1e";
    public static final String CANVAS_URL_TOKEN = "canvas-unsigned-url-token-42f0";
    public static final String MOODLE_WS_TOKEN = "0123456789abcdef0123456789abcdef";
    public static final String MOODLE_WEBHOOK_TOKEN = "shared-secret-configured-in-local_webhooks";
    public static final String RELAY_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public static final String SALESFORCE_CLIENT_ID = "3MVG9certbridgeHubTestConnectedApp";
    public static final String SALESFORCE_USER = "integration@school.example";
    /** The connected app's certificate and key; a key made for these tests and nothing else. */
    public static final String SALESFORCE_KEYSTORE = "classpath:salesforce/hub-jwt.p12";
    public static final String SALESFORCE_KEYSTORE_PASSWORD = "test-only-keystore";
    /** Salesforce's long poll is held 110 s; a few seconds here let a test hub stop at once. */
    public static final Duration SALESFORCE_LONG_POLL = Duration.ofSeconds(5);

    private static CanvasEmulator canvas;
    private static MoodleEmulator moodle;
    private static SalesforceEmulator salesforce;
    private static GreenMail mail;
    private static AnvilNode chain;
    private static OidcProvider oidc;

    public static final String HUB_INBOX = "certificates@hub.test";
    public static final String HUB_INBOX_PASSWORD = "hub-inbox-password";
    /** A sender allowed to issue with a secret, and one trusted on a DKIM pass recorded by mx.hub.test. */
    public static final String REGISTRAR = "registrar@school.test";
    public static final String REGISTRAR_SECRET = "registrar-secret-5d2a";
    public static final String DKIM_SENDER = "hr@signed.test";
    public static final String DKIM_AUTHSERV_ID = "mx.hub.test";

    private OutsideSystems() {
    }

    /** A local EVM node that mines a block every second, as a chain does. */
    public static synchronized AnvilNode chain() {
        if (chain == null) {
            chain = new AnvilNode("--block-time", "1");
        }
        return chain;
    }

    /**
     * Anchoring on {@link #chain()}: one-second windows, two confirmations, and a first RPC URL that nothing
     * answers, so that sending and verifying both go on to the next.
     */
    public static Map<String, String> anchoringSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("certbridge.anchoring.rpc-urls[0]", "http://127.0.0.1:" + FreePort.closed());
        settings.put("certbridge.anchoring.rpc-urls[1]", chain().url());
        settings.put("certbridge.anchoring.private-key", AnvilNode.FUNDED_KEY);
        settings.put("certbridge.anchoring.window", "1s");
        settings.put("certbridge.anchoring.confirmations", "2");
        settings.put("certbridge.anchoring.poll-interval-ms", "200");
        return settings;
    }


    public static synchronized CanvasEmulator canvas() {
        if (canvas == null) {
            canvas = new CanvasEmulator(CANVAS_API_TOKEN).start();
        }
        return canvas;
    }

    public static synchronized MoodleEmulator moodle() {
        if (moodle == null) {
            moodle = new MoodleEmulator(MOODLE_WS_TOKEN).start();
        }
        return moodle;
    }

    /** The org, with Contacts carrying the certificate fields, that lets the hub log in by the JWT bearer flow. */
    public static synchronized SalesforceEmulator salesforce() {
        if (salesforce == null) {
            salesforce = SalesforceEmulator.start(SALESFORCE_LONG_POLL);
            salesforce.allowJwtBearer(SALESFORCE_CLIENT_ID, SALESFORCE_USER, connectedAppCertificate());
            salesforce.defineSObject("Contact", Set.of("FirstName", "LastName", "Email", "Certificate_Id__c",
                    "Certificate_URL__c", "Certificate_Status__c"));
            salesforce.defineSObject("Training_Record__c", Set.of("Name", "Certificate_URL__c"));
        }
        return salesforce;
    }

    private static X509Certificate connectedAppCertificate() {
        try (InputStream in = OutsideSystems.class.getResourceAsStream("/salesforce/hub-jwt.p12")) {
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            keystore.load(in, SALESFORCE_KEYSTORE_PASSWORD.toCharArray());
            return (X509Certificate) keystore.getCertificate(keystore.aliases().nextElement());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A real SMTP and IMAP server on loopback: the hub's issuance inbox, and the senders' mailboxes. */
    public static synchronized GreenMail mail() {
        if (mail == null) {
            mail = new GreenMail(new ServerSetup[] {
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()});
            mail.start();
            mail.setUser(HUB_INBOX, HUB_INBOX, HUB_INBOX_PASSWORD);
            mail.setUser(REGISTRAR, REGISTRAR, "registrar-mailbox");
            mail.setUser(DKIM_SENDER, DKIM_SENDER, "hr-mailbox");
        }
        return mail;
    }

    /** The settings that give a hub its issuance inbox on GreenMail, and the senders allowed to issue. */
    public static Map<String, String> mailSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("certbridge.mail.inbox.protocol", "imap");
        settings.put("certbridge.mail.inbox.host", "127.0.0.1");
        settings.put("certbridge.mail.inbox.port", String.valueOf(mail().getImap().getPort()));
        settings.put("certbridge.mail.inbox.username", HUB_INBOX);
        settings.put("certbridge.mail.inbox.password", HUB_INBOX_PASSWORD);
        settings.put("certbridge.mail.inbox.poll-interval-ms", "200");
        settings.put("certbridge.mail.smtp.protocol", "smtp");
        settings.put("certbridge.mail.smtp.host", "127.0.0.1");
        settings.put("certbridge.mail.smtp.port", String.valueOf(mail().getSmtp().getPort()));
        settings.put("certbridge.mail.smtp.username", HUB_INBOX);
        settings.put("certbridge.mail.smtp.password", HUB_INBOX_PASSWORD);
        settings.put("certbridge.mail.smtp.from", HUB_INBOX);
        settings.put("certbridge.mail.senders[0].address", REGISTRAR);
        settings.put("certbridge.mail.senders[0].secret", REGISTRAR_SECRET);
        settings.put("certbridge.mail.senders[1].address", DKIM_SENDER);
        settings.put("certbridge.mail.senders[1].dkim", "true");
        settings.put("certbridge.mail.dkim-authserv-id", DKIM_AUTHSERV_ID);
        // small enough that a test can send a mail over the limit quickly
        settings.put("certbridge.mail.max-attachment-size", "1MB");
        return settings;
    }

    /** The settings that point a hub at the emulated org, logging in by the JWT bearer flow. */
    public static Map<String, String> salesforceSettings() {
        return Map.of(
                "certbridge.salesforce.login-url", salesforce().url(),
                "certbridge.salesforce.auth.client-id", SALESFORCE_CLIENT_ID,
                "certbridge.salesforce.auth.username", SALESFORCE_USER,
                "certbridge.salesforce.auth.keystore", SALESFORCE_KEYSTORE,
                "certbridge.salesforce.auth.keystore-password", SALESFORCE_KEYSTORE_PASSWORD,
                "certbridge.salesforce.initial-replay-id", "-2");
    }

    /** The OpenID Connect provider the console's single sign-on trusts. */
    public static synchronized OidcProvider oidc() {
        if (oidc == null) {
            oidc = new OidcProvider();
        }
        return oidc;
    }

    static void register(DynamicPropertyRegistry registry) {
        registry.add("certbridge.console.oidc.issuer-uri", () -> oidc().issuer());
        registry.add("certbridge.console.oidc.client-id", () -> OidcProvider.CLIENT_ID);
        registry.add("certbridge.console.oidc.client-secret", () -> OidcProvider.CLIENT_SECRET);
        registry.add("certbridge.console.oidc.label", () -> "the school's sign-in");
        mailSettings().forEach((name, value) -> registry.add(name, () -> value));
        salesforceSettings().forEach((name, value) -> registry.add(name, () -> value));
        anchoringSettings().forEach((name, value) -> registry.add(name, () -> value));
        OutsideIssuers.register(registry);
        OutsideTrustedForm.register(registry);
        OutsideTrueScreen.register(registry);
        registry.add("certbridge.canvas.base-url", () -> canvas().baseUrl());
        registry.add("certbridge.canvas.api-token", () -> CANVAS_API_TOKEN);
        registry.add("certbridge.intake.canvas.jwks-url", () -> canvas().jwksUrl());
        registry.add("certbridge.intake.canvas.jwks-min-refetch-interval", () -> "0s");
        registry.add("certbridge.intake.canvas.unsigned-token", () -> CANVAS_URL_TOKEN);
        registry.add("certbridge.moodle.base-url", () -> moodle().baseUrl());
        registry.add("certbridge.moodle.ws-token", () -> MOODLE_WS_TOKEN);
        registry.add("certbridge.intake.moodle.token", () -> MOODLE_WEBHOOK_TOKEN);
        String relay = "certbridge.intake.sources.relay.";
        registry.add(relay + "secrets[0]", () -> RELAY_SECRET);
        registry.add(relay + "event-type", () -> "$.event");
        registry.add(relay + "learner-id", () -> "$.data.participant.id");
        registry.add(relay + "learner-name", () -> "$.data.participant.name");
        registry.add(relay + "learner-email", () -> "$.data.participant.email");
        registry.add(relay + "course-id", () -> "$.data.course.id");
        registry.add(relay + "course-name", () -> "$.data.course.name");
        // a rule kept in configuration: shown by the API, changed only in the configuration
        String rule = "certbridge.intake.rules.configured-relay-rule.";
        registry.add(rule + "name", () -> "Relayed sessions (from configuration)");
        registry.add(rule + "source", () -> "relay");
        registry.add(rule + "event-type", () -> "session.archived");
        registry.add(rule + "template-id", () -> "tmpl_createdLater");
        // a lost answer must not take the tests' time
        registry.add("camel.kamelet.canvas-submission-comment-sink.responseTimeout", () -> "700");
        registry.add("certbridge.deliveries.retry.first-backoff", () -> "50ms");
        registry.add("certbridge.deliveries.retry.max-attempts", () -> "4");
        registry.add("certbridge.deliveries.poll-interval-ms", () -> "20");
        // customers' webhook receivers in the tests listen on loopback, which production refuses
        registry.add("certbridge.webhooks.allow-http", () -> "true");
        registry.add("certbridge.webhooks.allowed-networks[0]", () -> "127.0.0.1/32");
        // other issuers' did:web hosts and status lists in tests are on 127.0.0.1, over http (support/DidWebHost)
        registry.add("certbridge.verification.fetch.http-for-loopback", () -> "true");
        registry.add("certbridge.webhooks.callback-secret", () -> CALLBACK_SECRET);
        registry.add("certbridge.deliveries.connectors.customer-webhook-sink.retry.schedule",
                () -> "200ms,200ms,200ms,200ms,200ms");
    }
}
