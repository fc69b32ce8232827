package io.certbridge.emulator.salesforce;

import io.certbridge.emulator.RecordedRequest;
import io.certbridge.emulator.RequestJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.server.http.jakarta.CometDServlet;

/**
 * A local Salesforce org for camel-salesforce: OAuth login, the Streaming API (CometD) with platform
 * events, and the REST API for sObject rows and composite requests, on one loopback address that is both
 * the login URL and the instance URL. Change Data Capture publishes the changes of the types selected
 * ({@link #enableChangeDataCapture}). It runs an embedded Tomcat on {@code 127.0.0.1} and a free port, with
 * CometD's {@link CometDServlet} at {@code /cometd/*} and {@link SalesforceHttpServlet} for the rest.
 *
 * <p>What each part answers, and where that comes from: {@link OAuthEndpoints} and {@link ConnectedApps}
 * (logins), {@link SalesforceBayeuxServer}, {@link PlatformEventBus} and {@link ChangeDataCapture} (streaming),
 * {@link RestApi},
 * {@link SObjectStore} and {@link CompositeApi} (REST). Requests are served concurrently; every method here
 * is thread-safe.
 *
 * <p>{@link #reset()} clears what a test produced (records, retained events, canned answers, recordings
 * and counts) but keeps what a running client relies on: connected apps and users, issued tokens, CometD
 * sessions and their subscriptions, sObject type definitions, and the growth of replay ids. So a hub that
 * stays up between tests stays logged in and subscribed.
 *
 * <p>To run it on its own, see {@link SalesforceEmulatorMain}.
 */
public final class SalesforceEmulator implements AutoCloseable {

    /** The long-poll timeout Salesforce advises: a waiting {@code /meta/connect} is answered after 110 s. */
    public static final Duration SALESFORCE_LONG_POLL_TIMEOUT = Duration.ofSeconds(110);

    /**
     * An event as published.
     *
     * @param eventUuid {@code data.event.EventUuid}
     * @param replayId  {@code data.event.replayId}
     */
    public record PublishedEvent(String eventUuid, long replayId) {
    }

    private final SalesforceIds ids = new SalesforceIds();
    private final String orgId = ids.newId("00D");
    private final AccessTokens tokens = new AccessTokens(orgId);
    private final ConnectedApps apps = new ConnectedApps(ids);
    private final String integrationUser = ids.newId("005");
    private final RequestJournal journal = new RequestJournal();
    private final PlatformEventBus events = new PlatformEventBus(integrationUser);
    private final ChangeDataCapture changeEvents = new ChangeDataCapture(events, integrationUser);
    private final SObjectStore store = new SObjectStore(ids, changeEvents::publish);
    private final SalesforceBayeuxServer bayeux;
    private final Path baseDir;
    private final Tomcat tomcat;
    private final String url;

    private SalesforceEmulator(Duration longPollTimeout) throws IOException, LifecycleException {
        bayeux = new SalesforceBayeuxServer(tokens, events, longPollTimeout);
        baseDir = Files.createTempDirectory("salesforce-emulator");
        tomcat = new Tomcat();
        tomcat.setSilent(true);
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        StandardContext context = (StandardContext) tomcat.addContext("", null);
        context.setParentClassLoader(SalesforceEmulator.class.getClassLoader());
        // the context holds no web application whose class loader could leak; skip Tomcat's leak checks
        context.setClearReferencesRmiTargets(false);
        context.setClearReferencesThreadLocals(false);
        context.addServletContainerInitializer(
                (classes, servletContext) -> servletContext.setAttribute(BayeuxServer.ATTRIBUTE, bayeux), null);
        Wrapper cometd = Tomcat.addServlet(context, "cometd", new CometDServlet());
        cometd.setAsyncSupported(true);
        cometd.setLoadOnStartup(1);
        context.addServletMappingDecoded("/cometd/*", "cometd");
        Tomcat.addServlet(context, "salesforce", new SalesforceHttpServlet(journal,
                new OAuthEndpoints(apps, tokens, this::url, orgId), new RestApi(tokens, store)));
        context.addServletMappingDecoded("/", "salesforce");
        tomcat.start();
        url = "http://127.0.0.1:" + connector.getLocalPort();
    }

    /** Starts an emulator with Salesforce's long-poll timeout of 110 s. */
    public static SalesforceEmulator start() {
        return start(SALESFORCE_LONG_POLL_TIMEOUT);
    }

    /**
     * Starts an emulator whose waiting {@code /meta/connect} is answered after {@code longPollTimeout}
     * (advised to clients as {@code timeout}); a few seconds let a client stop quickly in tests.
     */
    public static SalesforceEmulator start(Duration longPollTimeout) {
        try {
            return new SalesforceEmulator(longPollTimeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not start", e);
        }
    }

    /** For example {@code http://127.0.0.1:41234}: the login URL and the instance URL alike. */
    public String url() {
        return url;
    }

    /** The org's 18-character id, as in the {@code id} URL of token responses. */
    public String orgId() {
        return orgId;
    }

    /** Stops serving (requests in flight are dropped) and deletes Tomcat's working directory. */
    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not stop", e);
        } finally {
            deleteRecursively(baseDir);
        }
    }

    // ---- who may log in ----

    /** Lets {@code username} log in through the connected app with a JWT signed by the certificate's key. */
    public void allowJwtBearer(String clientId, String username, X509Certificate certificate) {
        apps.allowJwtBearer(clientId, username, certificate);
    }

    /** Lets the connected app log in with the client-credentials grant (as its run-as user). */
    public void allowClientCredentials(String clientId, String clientSecret) {
        apps.allowClientCredentials(clientId, clientSecret);
    }

    /** Lets {@code username} log in through the connected app with the password grant. */
    public void allowPassword(String clientId, String clientSecret, String username, String password) {
        apps.allowPassword(clientId, clientSecret, username, password);
    }

    // ---- platform events ----

    /**
     * Publishes a platform event whose payload is these fields plus {@code CreatedDate} and
     * {@code CreatedById} (given fields win).
     *
     * @param channel for example {@code /event/Training_Completed__e}
     */
    public PublishedEvent publish(String channel, Map<String, Object> payload) {
        return events.publishFields(channel, payload);
    }

    /** Publishes an event whose {@code data.payload} is exactly this JSON value (for malformed payloads). */
    public PublishedEvent publishRaw(String channel, Object payload) {
        return events.publish(channel, payload);
    }

    /**
     * Selects a type for Change Data Capture: from now on each of its records created or changed, by a client or by
     * {@link #createRecord} and {@link #updateRecord}, publishes a change event on {@code /data/<Type>ChangeEvent}
     * (see {@link ChangeDataCapture} for the message).
     */
    public void enableChangeDataCapture(String sobject) {
        changeEvents.select(sobject);
    }

    /** {@code /data/LeadChangeEvent} for Lead, {@code /data/Training_Record__ChangeEvent} for Training_Record__c. */
    public static String changeEventChannel(String sobject) {
        return ChangeDataCapture.channel(sobject);
    }

    /** Retention: on every channel, events with a replay id up to this one are gone and cannot be replayed from. */
    public void forgetEventsUpTo(long replayId) {
        events.forgetUpTo(replayId);
    }

    /** How many CometD sessions are subscribed to the channel now (to wait until a consumer listens). */
    public int subscribers(String channel) {
        return events.subscribers(channel);
    }

    // ---- faults ----

    /**
     * Every access token issued so far becomes invalid: REST calls get 401 {@code INVALID_SESSION_ID}, and a
     * waiting {@code /meta/connect} is answered at once with {@code 401::Authentication invalid}, so a
     * streaming client logs in again before any event reaches it.
     *
     * <p>Beware with camel-salesforce 4.18: when its streaming side and a REST call log in again at the same
     * moment (say a test calls this, then makes a REST call at once through the same component), the
     * component can deadlock. {@code SalesforceSession.login} holds the session lock over a blocking HTTP
     * send, while {@code SalesforceSecurityHandler} waits for that lock on the HTTP client thread that would
     * read the answer. Wait for the new handshake ({@link #handshakes()}) before such a REST call.
     */
    public void expireTokens() {
        tokens.expireAll();
        bayeux.answerWaitingConnects();
    }

    /** The CometD server forgets every client: a waiting or next {@code /meta/connect} gets {@code 403::Unknown client}. */
    public void dropSessions() {
        bayeux.dropSessions();
    }

    /**
     * The next {@code count} REST or OAuth requests whose decoded path starts with the prefix get this
     * answer instead ({@code application/json}; a {@code null} body sends none). They are still recorded.
     */
    public void failNext(String pathPrefix, int count, int status, String jsonBody) {
        journal.answerNext(pathPrefix, count, SalesforceJson.response(status, jsonBody));
    }

    // ---- records ----

    /**
     * The next {@code writes} updates of a record find it locked by another transaction: 400
     * {@code UNABLE_TO_LOCK_ROW}, alone or as a composite subrequest, as a busy org answers.
     */
    public void lockRecord(String id, int writes) {
        store.lock(id, writes);
    }

    /** Defines an sObject type with exactly these fields ({@code Id} is implied). */
    public void defineSObject(String sobject, Set<String> fields) {
        store.define(sobject, fields);
    }

    /**
     * Stores a record (replacing one with the same id) as a user would create it (or, replacing, change it). An
     * undefined type is defined with the record's fields.
     *
     * @throws IllegalArgumentException when a defined type lacks one of the fields
     */
    public void createRecord(String sobject, String id, Map<String, Object> fields) {
        store.put(sobject, id, fields);
    }

    /**
     * Changes some fields of a record as a user editing it would.
     *
     * @throws IllegalArgumentException when there is no such record or its type lacks one of the fields
     */
    public void updateRecord(String sobject, String id, Map<String, Object> fields) {
        store.change(sobject, id, fields);
    }

    /** A record's current field values (without {@code Id}), or {@code null} if there is no such record. */
    public Map<String, Object> record(String sobject, String id) {
        return store.get(sobject, id);
    }

    // ---- what clients did ----

    /** The REST and OAuth requests whose decoded path starts with the prefix, in arrival order. */
    public List<RecordedRequest> requests(String pathPrefix) {
        return journal.requests(pathPrefix);
    }

    /**
     * How many logins of a grant type succeeded: {@code password}, {@code client_credentials} or
     * {@code urn:ietf:params:oauth:grant-type:jwt-bearer}.
     */
    public int tokenRequests(String grantType) {
        return tokens.logins(grantType);
    }

    /** How many CometD handshakes succeeded. */
    public int handshakes() {
        return bayeux.handshakes();
    }

    /** Every {@code /meta/subscribe} message received, as sent (with its {@code ext.replay}; whole numbers as {@code Long}). */
    public List<Map<String, Object>> subscribeRequests() {
        return bayeux.subscribeRequests();
    }

    /** Clears records, retained events, canned answers, recordings and counts; see the class comment for what stays. */
    public void reset() {
        store.clearRecords();
        events.forgetAll();
        journal.clear();
        tokens.clearLoginCounts();
        bayeux.clearRecords();
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
