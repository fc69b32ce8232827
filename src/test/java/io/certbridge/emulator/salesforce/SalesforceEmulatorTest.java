package io.certbridge.emulator.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.RecordedRequest;
import io.certbridge.emulator.salesforce.SalesforceEmulator.PublishedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.internal.streaming.SubscriptionHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Drives the emulator with the real clients: camel-salesforce in a plain Camel context (each login type,
 * streaming, update, token expiry, dropped sessions, replay), and {@link HttpClient} for the raw protocol.
 */
class SalesforceEmulatorTest {

    private static final String API_VERSION = "62.0";
    private static final String CHANNEL = "/event/Training_Completed__e";
    private static final String SUBSCRIBE = "salesforce:subscribe:event/Training_Completed__e?rawPayload=true";
    private static final String CLIENT_ID = "3MVG9certbridgeTestConsumerKey";
    private static final String CLIENT_SECRET = "test-consumer-secret";
    private static final String USERNAME = "integration@certbridge.example";
    private static final String PASSWORD = "passwordPLUStoken";
    private static final String JWT_USERNAME = "jwt@certbridge.example";
    private static final String KEYSTORE_PASSWORD = "changeit";
    private static final String CONTACT_ID = "0035g00000XyZ12AAB";
    private static final String CONTACT_PATH = "/services/data/v62.0/sobjects/Contact/" + CONTACT_ID;
    private static final Set<String> CONTACT_FIELDS = Set.of("LastName", "Certificate_Id__c", "Certificate_URL__c",
            "Certificate_Status__c", "Certificate_Issued_On__c");
    private static final Path PAYLOADS = Path.of("..", "shared", "reference", "payloads");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> QUIETED_LOGGERS = List.of("org.eclipse.jetty", "org.cometd", "org.apache.camel");

    @TempDir
    static Path tempDir;
    private static Path keystore;
    private static PrivateKey privateKey;
    private static final Map<String, Level> previousLevels = new HashMap<>();
    private static SalesforceEmulator sf;

    private final List<DefaultCamelContext> contexts = new ArrayList<>();
    /**
     * The events the Camel route received, once each (by channel and replay id): camel-salesforce 4.18 may hand every event to a
     * consumer twice (when a {@code /meta/connect} reply is handled before the {@code /meta/subscribe}
     * reply, {@code SubscriptionHelper} subscribes again and CometD adds the same listener a second time).
     */
    private final Map<String, Received> received = Collections.synchronizedMap(new LinkedHashMap<>());

    /** One event as the Camel route received it. */
    private record Received(Long replayId, JsonNode message) {
    }

    @BeforeAll
    static void startEmulator() throws Exception {
        for (String name : QUIETED_LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            previousLevels.put(name, logger.getLevel());
            logger.setLevel(Level.INFO);
        }
        keystore = generateKeystore();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        X509Certificate certificate = (X509Certificate) store.getCertificate("jwt");
        privateKey = (PrivateKey) store.getKey("jwt", KEYSTORE_PASSWORD.toCharArray());
        sf = SalesforceEmulator.start(Duration.ofSeconds(2));
        sf.allowClientCredentials(CLIENT_ID, CLIENT_SECRET);
        sf.allowPassword(CLIENT_ID, CLIENT_SECRET, USERNAME, PASSWORD);
        sf.allowJwtBearer(CLIENT_ID, JWT_USERNAME, certificate);
        sf.defineSObject("Contact", CONTACT_FIELDS);
        sf.defineSObject("Task", Set.of("WhoId", "Subject", "Status"));
    }

    @AfterAll
    static void stopEmulator() {
        sf.close();
        previousLevels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }

    /** Each test starts without CometD clients (raw clients of earlier tests never disconnect) and without data. */
    @BeforeEach
    void resetEmulator() {
        sf.dropSessions();
        sf.reset();
        sf.createRecord("Contact", CONTACT_ID, Map.of("LastName", "Lovelace"));
    }

    @AfterEach
    void stopCamel() {
        contexts.forEach(DefaultCamelContext::stop);
    }

    // ---- camel-salesforce against the emulator ----

    @Test
    void camelWithClientCredentialsStreamsEventsWritesBackAndRecovers() throws Exception {
        DefaultCamelContext camel = camel(clientCredentials(), SUBSCRIBE + "&replayId=-1");
        awaitSubscribed();
        assertThat(sf.tokenRequests("client_credentials")).isEqualTo(1);
        assertThat(sf.handshakes()).isEqualTo(1);
        assertThat(sf.subscribeRequests()).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("ext", Map.of("replay", Map.of(CHANNEL, -1L))));

        PublishedEvent first = sf.publish(CHANNEL, trainingCompleted("SAFETY-101"));
        PublishedEvent second = sf.publish(CHANNEL, trainingCompleted("SAFETY-102"));
        assertThat(awaitReceived(2)).extracting(Received::replayId).containsExactly(first.replayId(), second.replayId());
        JsonNode message = awaitReceived(2).get(0).message();
        assertThat(message.path("channel").asText()).isEqualTo(CHANNEL);
        assertThat(message.at("/data/event/EventUuid").asText()).isEqualTo(first.eventUuid());
        assertThat(message.at("/data/payload/Course_Code__c").asText()).isEqualTo("SAFETY-101");
        assertThat(message.at("/data/payload/Score__c").asDouble()).isEqualTo(92.5);
        assertThat(message.at("/data/payload/CreatedDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*\\.\\d{3}Z");

        updateContact(camel, "{\"Certificate_URL__c\":\"https://certs.example.com/v/1\"}");
        assertThat(sf.record("Contact", CONTACT_ID)).containsEntry("Certificate_URL__c", "https://certs.example.com/v/1");
        RecordedRequest patch = sf.requests("/services/data/v62.0/sobjects/Contact/").get(0);
        assertThat(patch.method()).isEqualTo("PATCH");
        assertThat(patch.header("Authorization")).startsWith("Bearer ");

        sf.expireTokens();
        await().atMost(Duration.ofSeconds(10)).until(() -> sf.handshakes() == 2 && sf.subscribers(CHANNEL) == 1);
        assertThat(sf.tokenRequests("client_credentials")).isEqualTo(2);
        assertThat(sf.requests(OAuthEndpoints.REVOKE_PATH)).hasSize(1);
        PublishedEvent afterExpiry = sf.publish(CHANNEL, trainingCompleted("SAFETY-103"));
        awaitReceived(3);
        updateContact(camel, "{\"Certificate_Status__c\":\"Issued\"}");
        assertThat(sf.record("Contact", CONTACT_ID)).containsEntry("Certificate_Status__c", "Issued");
        assertThat(sf.tokenRequests("client_credentials")).isEqualTo(2);

        sf.dropSessions();
        PublishedEvent whileDropped = sf.publish(CHANNEL, trainingCompleted("SAFETY-104"));
        List<Received> events = awaitReceived(4);
        assertThat(sf.handshakes()).isEqualTo(3);
        assertThat(events).extracting(Received::replayId)
                .containsExactly(first.replayId(), second.replayId(), afterExpiry.replayId(), whileDropped.replayId());
        assertThat(sf.subscribeRequests()).last()
                .satisfies(m -> assertThat(m).containsEntry("ext", Map.of("replay", Map.of(CHANNEL,
                        afterExpiry.replayId()))));
    }

    @Test
    void camelWithPasswordLoginStreamsAndUpdates() throws Exception {
        DefaultCamelContext camel = camel(component -> {
            component.setAuthenticationType(AuthenticationType.USERNAME_PASSWORD);
            component.setClientId(CLIENT_ID);
            component.setClientSecret(CLIENT_SECRET);
            component.setUserName(USERNAME);
            component.setPassword(PASSWORD);
        }, SUBSCRIBE);
        awaitSubscribed();
        PublishedEvent event = sf.publish(CHANNEL, trainingCompleted("SAFETY-201"));
        assertThat(awaitReceived(1).get(0).replayId()).isEqualTo(event.replayId());
        updateContact(camel, "{\"Certificate_Id__c\":\"cert-201\"}");
        assertThat(sf.record("Contact", CONTACT_ID)).containsEntry("Certificate_Id__c", "cert-201");
        assertThat(sf.tokenRequests("password")).isEqualTo(1);
        assertThat(sf.requests(OAuthEndpoints.TOKEN_PATH).get(0).form())
                .contains(Map.entry("grant_type", "password"), Map.entry("username", USERNAME));
    }

    @Test
    void camelWithAJwtKeystoreLogsInAndUpdates() throws Exception {
        KeyStoreParameters parameters = new KeyStoreParameters();
        parameters.setResource("file:" + keystore.toAbsolutePath());
        parameters.setPassword(KEYSTORE_PASSWORD);
        parameters.setType("PKCS12");
        DefaultCamelContext camel = camel(component -> {
            component.setAuthenticationType(AuthenticationType.JWT);
            component.setClientId(CLIENT_ID);
            component.setUserName(JWT_USERNAME);
            component.setKeystore(parameters);
        }, SUBSCRIBE);
        awaitSubscribed();
        sf.publish(CHANNEL, trainingCompleted("SAFETY-301"));
        awaitReceived(1);
        updateContact(camel, "{\"Certificate_Id__c\":\"cert-301\"}");
        assertThat(sf.record("Contact", CONTACT_ID)).containsEntry("Certificate_Id__c", "cert-301");
        assertThat(sf.tokenRequests(OAuthEndpoints.JWT_BEARER)).isEqualTo(1);
        String assertion = formValue(sf.requests(OAuthEndpoints.TOKEN_PATH).get(0), "assertion");
        JsonNode claims = MAPPER.readTree(Base64.getUrlDecoder().decode(assertion.split("\\.")[1]));
        assertThat(claims.path("exp").isTextual()).as("Camel sends exp as a JSON string").isTrue();
        assertThat(claims.path("aud").asText()).isEqualTo(sf.url());
    }

    @Test
    void camelResumesExactlyAfterAStoredReplayId() throws Exception {
        List<PublishedEvent> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(sf.publish(CHANNEL, trainingCompleted("SAFETY-40" + i)));
        }
        camel(clientCredentials(), SUBSCRIBE + "&replayId=" + events.get(1).replayId());
        assertThat(awaitReceived(2)).extracting(Received::replayId)
                .containsExactly(events.get(2).replayId(), events.get(3).replayId());
        assertThat(sf.subscribeRequests()).singleElement().satisfies(m -> assertThat(m)
                .containsEntry("ext", Map.of("replay", Map.of(CHANNEL, events.get(1).replayId()))));
    }

    /**
     * Camel subscribes again after a dropped session with the replay id of the last event it got, which is no
     * longer retained. Not at start-up: there camel-salesforce 4.18 may add its listener twice (see
     * {@link #received}); the refused subscribe then removes only one, and CometD, still counting one
     * listener on the channel, never sends the fallback subscribe.
     */
    @Test
    void camelFallsBackWhenTheReplayIdIsNoLongerRetained() throws Exception {
        camel(clientCredentials(), SUBSCRIBE + "&replayId=-1");
        awaitSubscribed();
        PublishedEvent old = sf.publish(CHANNEL, trainingCompleted("SAFETY-501"));
        awaitReceived(1);
        sf.forgetEventsUpTo(old.replayId());
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger helperLog = (Logger) LoggerFactory.getLogger(SubscriptionHelper.class);
        log.start();
        helperLog.addAppender(log);
        try {
            sf.dropSessions();
            awaitSubscribed();
        } finally {
            helperLog.detachAppender(log);
        }
        assertThat(sf.subscribeRequests()).extracting(m -> m.get("ext"))
                .containsExactly(Map.of("replay", Map.of(CHANNEL, -1L)),
                        Map.of("replay", Map.of(CHANNEL, old.replayId())),
                        Map.of("replay", Map.of(CHANNEL, -1L)));
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .contains("400::The replayId {" + old.replayId() + "} you provided was invalid.  Please provide a"
                                + " valid ID, -2 to replay all events, or -1 to replay only new events.",
                        "Falling back to replayId -1 for channel " + CHANNEL);
        PublishedEvent fresh = sf.publish(CHANNEL, trainingCompleted("SAFETY-502"));
        assertThat(awaitReceived(2)).extracting(Received::replayId).containsExactly(old.replayId(), fresh.replayId());
    }

    @Test
    void camelReceivesTheChangeEventsOfASelectedTypeWithOnlyTheChangedFieldsOfAnUpdate() throws Exception {
        String channel = SalesforceEmulator.changeEventChannel("Contact");
        assertThat(channel).isEqualTo("/data/ContactChangeEvent");
        sf.enableChangeDataCapture("Contact");
        DefaultCamelContext camel = camel(clientCredentials(),
                "salesforce:subscribe:data/ContactChangeEvent?rawPayload=true&replayId=-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> sf.subscribers(channel) == 1);

        String hopper = "0035g00000HopperAAB";
        sf.createRecord("Contact", hopper, Map.of("LastName", "Hopper", "Certificate_Id__c", "cert-1"));
        updateContact(camel, "{\"Certificate_URL__c\":\"https://certs.example.com/v/1\",\"LastName\":\"Lovelace\"}");
        updateContact(camel, "{\"LastName\":\"Lovelace\"}");
        sf.updateRecord("Contact", CONTACT_ID, Map.of("Certificate_URL__c", "https://certs.example.com/v/2",
                "Certificate_Status__c", "issued"));
        Map<String, Object> nulled = new HashMap<>();
        nulled.put("Certificate_URL__c", null);
        sf.updateRecord("Contact", CONTACT_ID, nulled);
        sf.createRecord("Task", "00T5g00000TaskOneAAB", Map.of("Subject", "not selected"));

        List<JsonNode> events = awaitReceived(4).stream().map(Received::message).toList();
        assertThat(events).extracting(event -> event.path("channel").asText()).containsOnly(channel);
        assertThat(events).extracting(event -> event.at("/data/event/EventUuid").isMissingNode()).containsOnly(true);
        assertThat(events).extracting(event -> event.at("/data/event/replayId").asLong()).isSorted();
        assertThat(events).extracting(event -> event.at("/data/payload/ChangeEventHeader/changeType").asText())
                .containsExactly("CREATE", "UPDATE", "UPDATE", "UPDATE");

        JsonNode created = events.get(0).at("/data/payload");
        JsonNode header = created.get("ChangeEventHeader");
        assertThat(header.get("entityName").asText()).isEqualTo("Contact");
        assertThat(header.get("recordIds")).extracting(JsonNode::asText).containsExactly(hopper);
        assertThat(header.get("changedFields")).isEmpty();
        assertThat(header.get("changeOrigin").asText()).isEmpty();
        assertThat(header.get("transactionKey").asText()).isNotBlank();
        assertThat(header.get("sequenceNumber").asInt()).isEqualTo(1);
        assertThat(header.get("commitTimestamp").asLong()).isPositive();
        assertThat(header.get("commitUser").asText()).startsWith("005");
        assertThat(created.get("LastName").asText()).isEqualTo("Hopper");
        assertThat(created.get("Certificate_Id__c").asText()).isEqualTo("cert-1");
        assertThat(created.get("CreatedDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*\\.\\d{3}Z");
        assertThat(created.has("LastModifiedDate")).isTrue();

        JsonNode byApi = events.get(1).at("/data/payload");
        assertThat(byApi.at("/ChangeEventHeader/recordIds/0").asText()).isEqualTo(CONTACT_ID);
        assertThat(byApi.at("/ChangeEventHeader/changeOrigin").asText()).isEqualTo("com/salesforce/api/rest/62.0");
        assertThat(byApi.at("/ChangeEventHeader/changedFields")).extracting(JsonNode::asText)
                .containsExactly("Certificate_URL__c", "LastModifiedDate");
        assertThat(byApi.get("Certificate_URL__c").asText()).isEqualTo("https://certs.example.com/v/1");
        assertThat(byApi.has("LastName")).as("unchanged, so left out").isFalse();
        assertThat(byApi.has("CreatedDate")).isFalse();

        JsonNode byUser = events.get(2).at("/data/payload");
        assertThat(byUser.at("/ChangeEventHeader/changedFields")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("Certificate_URL__c", "Certificate_Status__c", "LastModifiedDate");
        JsonNode toNull = events.get(3).at("/data/payload");
        assertThat(toNull.at("/ChangeEventHeader/nulledFields")).extracting(JsonNode::asText)
                .containsExactly("Certificate_URL__c");
        assertThat(toNull.get("Certificate_URL__c").isNull()).isTrue();
        Thread.sleep(500);
        assertThat(received).as("an update changing nothing, and a type not selected, publish nothing").hasSize(4);
    }

    @Test
    void camelRestLogsInAgainOnceTokensExpire() throws Exception {
        DefaultCamelContext camel = camel(clientCredentials(), null);
        updateContact(camel, "{\"Certificate_Id__c\":\"before\"}");
        sf.expireTokens();
        updateContact(camel, "{\"Certificate_Id__c\":\"after\"}");

        assertThat(sf.record("Contact", CONTACT_ID)).containsEntry("Certificate_Id__c", "after");
        assertThat(sf.tokenRequests("client_credentials")).isEqualTo(2);
        assertThat(sf.requests("/services/")).extracting(RecordedRequest::method, RecordedRequest::path).containsExactly(
                tuple("POST", OAuthEndpoints.TOKEN_PATH), tuple("PATCH", CONTACT_PATH),
                tuple("PATCH", CONTACT_PATH), tuple("POST", OAuthEndpoints.TOKEN_PATH), tuple("PATCH", CONTACT_PATH));
    }

    @Test
    void camelRetriesA401WithTwoLoginsByDefaultAndMaxRetriesSetsHowMany() throws Exception {
        String invalidSession = payload("salesforce-rest-error-invalid-session.json");
        DefaultCamelContext byDefault = camel(clientCredentials(), null);
        sf.failNext("/services/data/", 10, 401, invalidSession);
        assertThatThrownBy(() -> updateContact(byDefault, "{\"Certificate_Id__c\":\"never\"}"))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOf(SalesforceException.class)
                .satisfies(e -> assertThat(((SalesforceException) e).getStatusCode()).isEqualTo(401));
        assertThat(sf.requests(CONTACT_PATH)).hasSize(3);
        assertThat(sf.tokenRequests("client_credentials")).isEqualTo(1 + 2);
        assertThat(sf.record("Contact", CONTACT_ID)).doesNotContainKey("Certificate_Id__c");

        sf.reset();
        DefaultCamelContext fiveRetries = camel(clientCredentials().andThen(
                component -> component.setHttpClientProperties(new HashMap<>(Map.of("maxRetries", 5)))), null);
        sf.failNext("/services/data/", 10, 401, invalidSession);
        assertThatThrownBy(() -> updateContact(fiveRetries, "{\"Certificate_Id__c\":\"never\"}"))
                .isInstanceOf(CamelExecutionException.class);
        assertThat(sf.requests(CONTACT_PATH)).hasSize(4);
        assertThat(sf.tokenRequests("client_credentials")).isEqualTo(1 + 3);
    }

    // ---- raw protocol: OAuth ----

    @Test
    void tokenEndpointAnswersLikeSalesforce() throws Exception {
        HttpResponse<String> ok = postForm(OAuthEndpoints.TOKEN_PATH, Map.of("grant_type", "password",
                "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET, "username", USERNAME, "password", PASSWORD,
                "format", "json"));
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode token = MAPPER.readTree(ok.body());
        assertThat(fieldNames(token)).containsExactlyInAnyOrderElementsOf(
                fieldNames(MAPPER.readTree(payload("salesforce-token-response.json"))));
        assertThat(token.path("instance_url").asText()).isEqualTo(sf.url());
        assertThat(token.path("id").asText()).matches(sf.url() + "/id/" + sf.orgId() + "/005\\w{15}");
        assertThat(token.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.path("access_token").asText()).startsWith(sf.orgId().substring(0, 15) + "!");

        HttpResponse<String> wrongPassword = postForm(OAuthEndpoints.TOKEN_PATH, Map.of("grant_type", "password",
                "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET, "username", USERNAME, "password", "nope"));
        assertThat(wrongPassword.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(wrongPassword.body())).isEqualTo(MAPPER.readTree(payload("salesforce-token-error.json")));

        assertThat(oauthError(Map.of("grant_type", "client_credentials", "client_id", CLIENT_ID,
                "client_secret", "wrong"))).isEqualTo("invalid_client");
        assertThat(oauthError(Map.of("grant_type", "client_credentials", "client_id", "unknown",
                "client_secret", CLIENT_SECRET))).isEqualTo("invalid_client_id");
        assertThat(oauthError(Map.of("grant_type", "authorization_code", "client_id", CLIENT_ID)))
                .isEqualTo("unsupported_grant_type");
        assertThat(sf.tokenRequests("password")).isEqualTo(1);
        assertThat(sf.requests(OAuthEndpoints.TOKEN_PATH)).hasSize(5);
    }

    @Test
    void jwtAssertionsAreReadLenientlyAndChecked() throws Exception {
        long soon = Instant.now().getEpochSecond() + 270;
        assertThat(jwtLogin(claims(sf.url(), "\"" + soon + "\""), true).statusCode()).isEqualTo(200);
        assertThat(jwtLogin(claims(sf.url() + "/", Long.toString(soon)), false).statusCode()).isEqualTo(200);
        assertThat(jwtLogin(claims("https://login.salesforce.com", Long.toString(soon)), false).statusCode())
                .isEqualTo(200);
        assertThat(sf.tokenRequests(OAuthEndpoints.JWT_BEARER)).isEqualTo(3);

        HttpResponse<String> expired = jwtLogin(claims(sf.url(), "\"" + (soon - 600) + "\""), true);
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(expired.body()).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(jwtLogin(claims("https://elsewhere.example", Long.toString(soon)), true).statusCode())
                .isEqualTo(400);
        String[] good = assertion(claims(sf.url(), Long.toString(soon)), true).split("\\.");
        String[] other = assertion(claims(sf.url(), Long.toString(soon + 1)), true).split("\\.");
        String tampered = good[0] + "." + other[1] + "." + good[2];
        assertThat(postForm(OAuthEndpoints.TOKEN_PATH, Map.of("grant_type", OAuthEndpoints.JWT_BEARER,
                "assertion", tampered)).statusCode()).isEqualTo(400);
        assertThat(sf.tokenRequests(OAuthEndpoints.JWT_BEARER)).isEqualTo(3);
    }

    @Test
    void revokeInvalidatesTheToken() throws Exception {
        String token = login();
        HttpResponse<String> revoked = HTTP.send(HttpRequest.newBuilder(
                URI.create(sf.url() + OAuthEndpoints.REVOKE_PATH + "?token=" + URLEncoder.encode(token,
                        StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).isEqualTo(200);

        HttpResponse<String> rejected = rest("GET", "/services/data/v62.0/sobjects/Contact/" + CONTACT_ID, token, null);
        assertThat(rejected.statusCode()).isEqualTo(401);
        assertThat(MAPPER.readTree(rejected.body()))
                .isEqualTo(MAPPER.readTree(payload("salesforce-rest-error-invalid-session.json")));
    }

    // ---- raw protocol: Streaming API ----

    @Test
    void handshakeAndFirstConnectLookLikeSalesforce() throws Exception {
        Bayeux bayeux = new Bayeux(API_VERSION);
        String token = login();
        JsonNode handshake = bayeux.send(token, "handshake", payload("salesforce-cometd-handshake-request.json")).get(0);
        JsonNode expected = MAPPER.readTree(payload("salesforce-cometd-handshake-response.json")).get(0);
        assertThat(fieldNames(handshake)).containsExactlyInAnyOrderElementsOf(fieldNames(expected));
        assertThat(handshake.path("ext")).isEqualTo(expected.path("ext"));
        assertThat(handshake.path("supportedConnectionTypes")).isEqualTo(expected.path("supportedConnectionTypes"));
        assertThat(handshake.path("id").asText()).isEqualTo("1");
        String clientId = handshake.path("clientId").asText();

        JsonNode connect = bayeux.send(token, "connect",
                withClientId(payload("salesforce-cometd-connect-request-first.json"), clientId)).get(0);
        assertThat(connect.path("successful").asBoolean()).isTrue();
        assertThat(connect.path("id").asText()).isEqualTo("2");
        assertThat(connect.path("clientId").asText()).isEqualTo(clientId);
        assertThat(connect.path("advice")).isEqualTo(MAPPER.readTree("{\"interval\":0,\"timeout\":2000,\"reconnect\":\"retry\"}"));
        assertThat(sf.handshakes()).isEqualTo(1);
    }

    @Test
    void authenticationFailuresAndLostSessionsGetSalesforcesErrors() throws Exception {
        Bayeux bayeux = new Bayeux(API_VERSION);
        JsonNode denied = bayeux.send("00Dnot!valid", "handshake", payload("salesforce-cometd-handshake-request.json"));
        assertThat(denied).isEqualTo(MAPPER.readTree(payload("salesforce-cometd-handshake-error-403.json")));

        String token = login();
        String clientId = bayeux.handshake(token);
        bayeux.send(token, "connect", withClientId(payload("salesforce-cometd-connect-request-first.json"), clientId));
        sf.expireTokens();
        JsonNode invalid = bayeux.send(token, "connect", connect(clientId, "7"));
        assertThat(invalid).isEqualTo(withClientId(payload("salesforce-cometd-connect-error-401.json"), clientId));

        String fresh = login();
        String secondClient = bayeux.handshake(fresh);
        sf.dropSessions();
        JsonNode unknown = bayeux.send(fresh, "connect", connect(secondClient, "8")).get(0);
        assertThat(unknown.path("error").asText()).isEqualTo("403::Unknown client");
        assertThat(unknown.path("successful").asBoolean()).isFalse();
        assertThat(unknown.path("advice").path("reconnect").asText()).isEqualTo("handshake");

        JsonNode oldVersion = new Bayeux("36.0").send(fresh, "handshake",
                payload("salesforce-cometd-handshake-request.json")).get(0);
        assertThat(oldVersion.path("error").asText()).startsWith("400::Unsupported API version.");
    }

    @Test
    void subscribeChecksTheChannelAndReplayIdThenDeliversRetainedEventsInOneBatch() throws Exception {
        PublishedEvent first = sf.publish(CHANNEL, trainingCompleted("SAFETY-601"));
        PublishedEvent second = sf.publishRaw(CHANNEL, "not an object");
        Bayeux bayeux = new Bayeux(API_VERSION);
        String token = login();
        String clientId = bayeux.handshake(token);
        bayeux.send(token, "connect", withClientId(payload("salesforce-cometd-connect-request-first.json"), clientId));

        long stale = first.replayId() - 1;
        JsonNode invalid = bayeux.send(token, "subscribe", subscribe(clientId, CHANNEL, stale));
        String expected = withClientId(payload("salesforce-cometd-subscribe-error-invalid-replay.json"), clientId)
                .toString().replace("{18000}", "{" + stale + "}");
        assertThat(invalid).isEqualTo(MAPPER.readTree(expected));
        JsonNode unknownChannel = bayeux.send(token, "subscribe", subscribe(clientId, "/topic/Nope", -1)).get(0);
        assertThat(unknownChannel.path("error").asText())
                .isEqualTo("400::The channel you requested to subscribe to does not exist {/topic/Nope}");

        JsonNode subscribed = bayeux.send(token, "subscribe", subscribe(clientId, CHANNEL, -2)).get(0);
        assertThat(subscribed).isEqualTo(withClientId(payload("salesforce-cometd-subscribe-response.json"), clientId)
                .get(0));
        assertThat(sf.subscribers(CHANNEL)).isEqualTo(1);
        JsonNode batch = bayeux.send(token, "connect", connect(clientId, "4"));
        assertThat(batch).hasSize(3);
        assertThat(batch.get(0).at("/data/event/replayId").asLong()).isEqualTo(first.replayId());
        assertThat(batch.get(0).at("/data/event/EventUuid").asText()).isEqualTo(first.eventUuid());
        assertThat(batch.get(0).at("/data/schema").asText()).isNotBlank();
        assertThat(batch.get(1).at("/data/payload").asText()).isEqualTo("not an object");
        assertThat(batch.get(1).at("/data/event/replayId").asLong()).isEqualTo(second.replayId());
        assertThat(second.replayId() - first.replayId()).isBetween(1L, 5L);
        assertThat(batch.get(2).path("channel").asText()).isEqualTo("/meta/connect");
        assertThat(batch.get(2).path("id").asText()).isEqualTo("4");
    }

    // ---- raw protocol: REST ----

    @Test
    void sobjectRowsAnswerLikeSalesforce() throws Exception {
        String token = login();
        String contactUrl = "/services/data/v62.0/sobjects/Contact/";
        HttpResponse<String> missing = rest("PATCH", contactUrl + "0035g00000Missing", token, "{\"LastName\":\"X\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(MAPPER.readTree(missing.body())).isEqualTo(MAPPER.readTree(
                "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]"));

        sf.defineSObject("Contact", Set.of("LastName", "Certificate_Issued_On__c"));
        try {
            HttpResponse<String> noSuchColumn = rest("PATCH", contactUrl + CONTACT_ID, token,
                    payload("salesforce-contact-patch-request.json"));
            assertThat(noSuchColumn.statusCode()).isEqualTo(400);
            assertThat(MAPPER.readTree(noSuchColumn.body()))
                    .isEqualTo(MAPPER.readTree(payload("salesforce-rest-error.json")));
        } finally {
            sf.defineSObject("Contact", CONTACT_FIELDS);
        }

        String id15 = "0035g00000AbCdE";
        sf.createRecord("Contact", SalesforceIds.to18(id15), Map.of("LastName", "Hopper"));
        HttpResponse<String> updated = rest("PATCH", contactUrl + id15, token,
                payload("salesforce-contact-patch-request.json"));
        assertThat(updated.statusCode()).isEqualTo(204);
        assertThat(updated.body()).isEmpty();
        assertThat(sf.record("Contact", id15.toUpperCase() + SalesforceIds.to18(id15).substring(15)))
                .containsEntry("Certificate_Issued_On__c", "2024-11-05T13:41:10.000Z");

        HttpResponse<String> created = rest("POST", "/services/data/v62.0/sobjects/Task", token,
                "{\"Subject\":\"Certificate issued\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = MAPPER.readTree(created.body());
        assertThat(body.path("id").asText()).startsWith("00T").hasSize(18);
        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.path("errors")).isEmpty();
        assertThat(sf.record("Task", body.path("id").asText())).containsEntry("Subject", "Certificate issued");

        HttpResponse<String> read = rest("GET", contactUrl + CONTACT_ID, token, null);
        assertThat(MAPPER.readTree(read.body()).path("LastName").asText()).isEqualTo("Lovelace");
        assertThat(rest("GET", "/services/data/", null, null).statusCode()).isEqualTo(200);
        assertThat(rest("GET", contactUrl + CONTACT_ID, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void compositeAnswersEachSubrequestAsItsStandaloneRequest() throws Exception {
        String request = payload("salesforce-composite-request.json").replace("v56.0", "v62.0");
        HttpResponse<String> answer = rest("POST", "/services/data/v62.0/composite", login(), request);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode responses = MAPPER.readTree(answer.body()).path("compositeResponse");
        JsonNode expected = MAPPER.readTree(payload("salesforce-composite-response.json")).path("compositeResponse");
        assertThat(responses.get(0)).isEqualTo(expected.get(0));
        String taskId = responses.get(1).at("/body/id").asText();
        assertThat(responses.get(1).path("httpStatusCode").asInt()).isEqualTo(201);
        assertThat(responses.get(1).at("/httpHeaders/Location").asText())
                .isEqualTo("/services/data/v62.0/sobjects/Task/" + taskId);
        assertThat(sf.record("Contact", CONTACT_ID)).containsKey("Certificate_URL__c");
        assertThat(sf.record("Task", taskId)).containsEntry("Status", "Completed");
    }

    @Test
    void compositeAllOrNoneRollsBackAndCapsSubrequests() throws Exception {
        String token = login();
        ObjectNode request = MAPPER.createObjectNode().put("allOrNone", true);
        ArrayNode subrequests = request.putArray("compositeRequest");
        subrequests.addObject().put("method", "PATCH").put("referenceId", "ok")
                .put("url", "/services/data/v62.0/sobjects/Contact/" + CONTACT_ID)
                .putObject("body").put("Certificate_Status__c", "Issued");
        subrequests.addObject().put("method", "PATCH").put("referenceId", "bad")
                .put("url", "/services/data/v62.0/sobjects/Contact/" + CONTACT_ID)
                .putObject("body").put("No_Such_Field__c", "x");
        JsonNode rolledBack = MAPPER.readTree(rest("POST", "/services/data/v62.0/composite", token,
                request.toString()).body()).path("compositeResponse");
        assertThat(rolledBack.get(0).path("httpStatusCode").asInt()).isEqualTo(400);
        assertThat(rolledBack.get(0).at("/body/0/errorCode").asText()).isEqualTo("PROCESSING_HALTED");
        assertThat(rolledBack.get(1).at("/body/0/errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(sf.record("Contact", CONTACT_ID)).doesNotContainKey("Certificate_Status__c");

        request.put("allOrNone", false);
        JsonNode partial = MAPPER.readTree(rest("POST", "/services/data/v62.0/composite", token,
                request.toString()).body()).path("compositeResponse");
        assertThat(partial.get(0).path("httpStatusCode").asInt()).isEqualTo(204);
        assertThat(partial.get(0).path("body").isNull()).isTrue();
        assertThat(sf.record("Contact", CONTACT_ID)).containsEntry("Certificate_Status__c", "Issued");

        for (int i = 0; i < CompositeApi.MAX_SUBREQUESTS; i++) {
            subrequests.add(subrequests.get(0).deepCopy());
        }
        HttpResponse<String> tooMany = rest("POST", "/services/data/v62.0/composite", token, request.toString());
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(tooMany.body()).isArray()).isTrue();
    }

    @Test
    void aLockedRecordRefusesItsNextWritesAloneAndAsACompositeSubrequest() throws Exception {
        String token = login();
        sf.lockRecord(CONTACT_ID, 2);
        HttpResponse<String> alone = rest("PATCH", "/services/data/v62.0/sobjects/Contact/" + CONTACT_ID, token,
                "{\"Certificate_Status__c\":\"Issued\"}");
        assertThat(alone.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(alone.body()).at("/0/errorCode").asText()).isEqualTo("UNABLE_TO_LOCK_ROW");

        ObjectNode request = MAPPER.createObjectNode().put("allOrNone", false);
        request.putArray("compositeRequest").addObject().put("method", "PATCH").put("referenceId", "locked")
                .put("url", "/services/data/v62.0/sobjects/Contact/" + CONTACT_ID)
                .putObject("body").put("Certificate_Status__c", "Issued");
        HttpResponse<String> composite = rest("POST", "/services/data/v62.0/composite", token, request.toString());
        assertThat(composite.statusCode()).isEqualTo(200);
        JsonNode item = MAPPER.readTree(composite.body()).at("/compositeResponse/0");
        assertThat(item.path("httpStatusCode").asInt()).isEqualTo(400);
        assertThat(item.at("/body/0/errorCode").asText()).isEqualTo("UNABLE_TO_LOCK_ROW");
        assertThat(sf.record("Contact", CONTACT_ID)).doesNotContainKey("Certificate_Status__c");

        assertThat(rest("PATCH", "/services/data/v62.0/sobjects/Contact/" + CONTACT_ID, token,
                "{\"Certificate_Status__c\":\"Issued\"}").statusCode()).isEqualTo(204);
        assertThat(sf.record("Contact", CONTACT_ID)).containsEntry("Certificate_Status__c", "Issued");
    }

    @Test
    void failNextAnswersCannedResponsesAndRecordsTheRequests() throws Exception {
        String token = login();
        sf.failNext("/services/data/", 1, 503, "[{\"errorCode\":\"SERVER_UNAVAILABLE\",\"message\":\"down\"}]");
        HttpResponse<String> canned = rest("GET", "/services/data/v62.0/sobjects/Contact/" + CONTACT_ID, token, null);
        assertThat(canned.statusCode()).isEqualTo(503);
        assertThat(canned.body()).contains("SERVER_UNAVAILABLE");
        assertThat(rest("GET", "/services/data/v62.0/sobjects/Contact/" + CONTACT_ID, token, null).statusCode())
                .isEqualTo(200);
        assertThat(sf.requests("/services/data/")).hasSize(2)
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + token));
    }

    // ---- helpers: Camel ----

    private static Consumer<SalesforceComponent> clientCredentials() {
        return component -> {
            component.setAuthenticationType(AuthenticationType.CLIENT_CREDENTIALS);
            component.setClientId(CLIENT_ID);
            component.setClientSecret(CLIENT_SECRET);
        };
    }

    /** A started Camel context with a salesforce component logged in to the emulator, and a route from the given URI. */
    private DefaultCamelContext camel(Consumer<SalesforceComponent> login, String subscribeUri) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        SalesforceComponent component = new SalesforceComponent();
        component.setLoginUrl(sf.url());
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setApiVersion(API_VERSION);
        component.setConfig(config);
        login.accept(component);
        context.addComponent("salesforce", component);
        if (subscribeUri != null) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(subscribeUri).process(exchange -> {
                        JsonNode message = MAPPER.readTree(exchange.getMessage().getBody(String.class));
                        received.putIfAbsent(message.path("channel").asText() + "/"
                                + message.at("/data/event/replayId").asText(), new Received(
                                exchange.getMessage().getHeader("CamelSalesforceReplayId", Long.class), message));
                    });
                }
            });
        }
        contexts.add(context);
        context.start();
        return context;
    }

    private static void updateContact(DefaultCamelContext camel, String json) {
        camel.createProducerTemplate().requestBody("salesforce:updateSObject?sObjectName=Contact&sObjectId="
                + CONTACT_ID + "&rawPayload=true", json);
    }

    private static void awaitSubscribed() {
        await().atMost(Duration.ofSeconds(10)).until(() -> sf.subscribers(CHANNEL) == 1);
    }

    /** Waits for this many distinct events; returns the received events in arrival order. */
    private List<Received> awaitReceived(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= count);
        List<Received> events;
        synchronized (received) {
            events = List.copyOf(received.values());
        }
        assertThat(events).hasSize(count);
        return events;
    }

    private static Map<String, Object> trainingCompleted(String courseCode) {
        return Map.of("Contact_Id__c", CONTACT_ID, "Course_Code__c", courseCode, "Score__c", 92.5,
                "Completed_On__c", "2024-11-05T13:38:00.000Z");
    }

    // ---- helpers: raw HTTP ----

    /** A raw Bayeux client: one cookie jar (Salesforce and CometD need the browser cookie) and one API version. */
    private static final class Bayeux {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        private final String version;

        Bayeux(String version) {
            this.version = version;
        }

        JsonNode send(String token, String type, String json) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(sf.url() + "/cometd/" + version + "/" + type))
                    .header("Authorization", "OAuth " + token)
                    .header("Content-Type", "application/json;charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return MAPPER.readTree(response.body());
        }

        JsonNode send(String token, String type, JsonNode json) throws IOException, InterruptedException {
            return send(token, type, json.toString());
        }

        String handshake(String token) throws IOException, InterruptedException {
            JsonNode reply = send(token, "handshake", payload("salesforce-cometd-handshake-request.json")).get(0);
            assertThat(reply.path("successful").asBoolean()).isTrue();
            return reply.path("clientId").asText();
        }
    }

    private static JsonNode connect(String clientId, String id) {
        ArrayNode messages = MAPPER.createArrayNode();
        messages.addObject().put("id", id).put("channel", "/meta/connect").put("connectionType", "long-polling")
                .put("clientId", clientId);
        return messages;
    }

    private static JsonNode subscribe(String clientId, String channel, long replayId) {
        ArrayNode messages = MAPPER.createArrayNode();
        ObjectNode message = messages.addObject().put("id", "3").put("channel", "/meta/subscribe")
                .put("subscription", channel).put("clientId", clientId);
        message.putObject("ext").putObject("replay").put(channel, replayId);
        return messages;
    }

    /** A sample Bayeux array with its {@code clientId}s replaced. */
    private static JsonNode withClientId(String json, String clientId) throws IOException {
        JsonNode messages = MAPPER.readTree(json);
        messages.forEach(message -> ((ObjectNode) message).put("clientId", clientId));
        return messages;
    }

    private static String login() throws IOException, InterruptedException {
        HttpResponse<String> response = postForm(OAuthEndpoints.TOKEN_PATH, Map.of("grant_type", "client_credentials",
                "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET));
        assertThat(response.statusCode()).isEqualTo(200);
        return MAPPER.readTree(response.body()).path("access_token").asText();
    }

    private static String oauthError(Map<String, String> form) throws IOException, InterruptedException {
        HttpResponse<String> response = postForm(OAuthEndpoints.TOKEN_PATH, form);
        assertThat(response.statusCode()).isEqualTo(400);
        return MAPPER.readTree(response.body()).path("error").asText();
    }

    private static HttpResponse<String> postForm(String path, Map<String, String> form)
            throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return HTTP.send(HttpRequest.newBuilder(URI.create(sf.url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> rest(String method, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sf.url() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String claims(String audience, String exp) {
        return "{\"iss\":\"" + CLIENT_ID + "\",\"sub\":\"" + JWT_USERNAME + "\",\"aud\":\"" + audience
                + "\",\"exp\":" + exp + "}";
    }

    /** A JWT bearer assertion signed with the test key, its segments padded as Camel's or unpadded. */
    private static String assertion(String claims, boolean padded) throws Exception {
        Base64.Encoder encoder = padded ? Base64.getUrlEncoder() : Base64.getUrlEncoder().withoutPadding();
        String signed = encoder.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(privateKey);
        signature.update(signed.getBytes(StandardCharsets.UTF_8));
        return signed + "." + encoder.encodeToString(signature.sign());
    }

    private static HttpResponse<String> jwtLogin(String claims, boolean padded) throws Exception {
        return postForm(OAuthEndpoints.TOKEN_PATH, Map.of("grant_type", OAuthEndpoints.JWT_BEARER,
                "client_id", CLIENT_ID, "assertion", assertion(claims, padded)));
    }

    private static String formValue(RecordedRequest request, String name) {
        return request.form().stream().filter(e -> e.getKey().equals(name)).findFirst().orElseThrow().getValue();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String payload(String name) throws IOException {
        return Files.readString(PAYLOADS.resolve(name));
    }

    /** An RSA key and self-signed certificate in a PKCS12 keystore, made with the running JDK's keytool. */
    private static Path generateKeystore() throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Path file = tempDir.resolve("jwt.p12");
        Process keytool = new ProcessBuilder(java.resolveSibling("keytool").toString(), "-genkeypair",
                "-alias", "jwt", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
                "-dname", "CN=certbridge-test", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD,
                "-noprompt").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        return file;
    }
}
