package io.certbridge.emulator.salesforce;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cometd.bayeux.Channel;
import org.cometd.bayeux.Message;
import org.cometd.bayeux.Promise;
import org.cometd.bayeux.server.BayeuxContext;
import org.cometd.bayeux.server.ServerMessage;
import org.cometd.bayeux.server.ServerSession;
import org.cometd.server.AbstractServerTransport;
import org.cometd.server.BayeuxServerImpl;
import org.cometd.server.JacksonJSONContextServer;
import org.cometd.server.ServerSessionImpl;
import org.cometd.server.http.AbstractHttpTransport;
import org.cometd.server.http.JSONHttpTransport;

/**
 * The Streaming API's Bayeux server: CometD's own server (long-polling only, events delivered only on
 * {@code /meta/connect}, advice {@code interval:0} and a configurable {@code timeout}, 110 s on
 * Salesforce) with Salesforce's rules and answers on top, from the Streaming API error-code table and
 * "Handling Streaming API Errors":
 * <ul>
 *   <li>the URL must name an API version of at least 37.0 ({@code /cometd/62.0});</li>
 *   <li>every message needs {@code Authorization: OAuth <token>} with a valid token: a handshake without
 *       one gets {@code 403::Handshake denied} with {@code ext.sfdc.failureReason: "401::Authentication
 *       invalid"} and advice {@code reconnect:none}; other messages get {@code 401::Authentication invalid}
 *       with advice {@code reconnect:none, interval:0}, and the session is dropped. A waiting
 *       {@code /meta/connect} is checked again when it is answered, as Salesforce checks connected clients'
 *       tokens while they wait;</li>
 *   <li>a successful handshake answers {@code ext: {"replay": true, "payload.format": true}};</li>
 *   <li>a subscription must name an {@code /event/<Name>__e} or {@code /data/<Type>ChangeEvent} channel and, in
 *       {@code ext.replay}, a replay id the {@link PlatformEventBus} accepts, else a {@code 400::…} error with
 *       Salesforce's text;</li>
 *   <li>an unknown client gets {@code 403::Unknown client} (CometD says {@code 402::session_unknown}) with
 *       advice {@code reconnect:handshake}, also on the {@code /meta/connect} that was waiting when
 *       {@link #dropSessions()} forgot its session;</li>
 *   <li>replies carry the {@code clientId}, and clients cannot publish (the denial text is inferred).</li>
 * </ul>
 */
final class SalesforceBayeuxServer extends BayeuxServerImpl {

    private static final String AUTHENTICATION_INVALID = "401::Authentication invalid";
    private static final String HANDSHAKE_DENIED = "403::Handshake denied";
    private static final String UNKNOWN_CLIENT = "403::Unknown client";
    private static final Pattern VERSIONED_PATH = Pattern.compile("/cometd/(\\d+\\.\\d+)(?:/.*)?");
    private static final double OLDEST_VERSION = 37.0;
    private static final String URI_FORMAT = "URI format: '/cometd/62.0'";
    private static final long MAX_INTERVAL_MILLIS = 40_000;
    /** Copies recorded messages; whole numbers become {@code Long}, as replay ids are. */
    private static final ObjectMapper AS_SENT =
            SalesforceJson.MAPPER.copy().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private final AccessTokens tokens;
    private final PlatformEventBus events;
    private final List<Map<String, Object>> subscribeRequests = new ArrayList<>();
    private final AtomicInteger handshakes = new AtomicInteger();
    /** Sessions forgotten by {@link #dropSessions()} whose waiting {@code /meta/connect} is still to be answered. */
    private final Set<String> dropped = ConcurrentHashMap.newKeySet();

    SalesforceBayeuxServer(AccessTokens tokens, PlatformEventBus events, Duration longPollTimeout) {
        this.tokens = tokens;
        this.events = events;
        addTransport(new JSONHttpTransport(this));
        setAllowedTransports(JSONHttpTransport.NAME);
        setOption(AbstractServerTransport.JSON_CONTEXT_OPTION, new JacksonJSONContextServer());
        setOption(AbstractServerTransport.TIMEOUT_OPTION, longPollTimeout.toMillis());
        setOption(AbstractServerTransport.INTERVAL_OPTION, 0L);
        setOption(AbstractServerTransport.MAX_INTERVAL_OPTION, MAX_INTERVAL_MILLIS);
        setOption(AbstractServerTransport.META_CONNECT_DELIVERY_OPTION, true);
        setOption(AbstractHttpTransport.MAX_SESSIONS_PER_BROWSER_OPTION, -1);
        addListener(events);
    }

    /** How many handshakes succeeded. */
    int handshakes() {
        return handshakes.get();
    }

    /** Every {@code /meta/subscribe} message received, as sent (whole numbers as {@code Long}). */
    List<Map<String, Object>> subscribeRequests() {
        synchronized (subscribeRequests) {
            return List.copyOf(subscribeRequests);
        }
    }

    /** Forgets every client, as Salesforce does when it drops a connection; waiting connects are answered at once. */
    void dropSessions() {
        for (ServerSession session : getSessions()) {
            dropped.add(session.getId());
            removeSession(session);
            ((ServerSessionImpl) session).flush();
        }
    }

    /** Answers every waiting {@code /meta/connect} now, so that its token is checked again. */
    void answerWaitingConnects() {
        getSessions().forEach(session -> ((ServerSessionImpl) session).flush());
    }

    void clearRecords() {
        synchronized (subscribeRequests) {
            subscribeRequests.clear();
        }
        handshakes.set(0);
    }

    @Override
    public void handle(ServerSessionImpl session, ServerMessage.Mutable message, Promise<ServerMessage.Mutable> promise) {
        if (Channel.META_SUBSCRIBE.equals(message.getChannel())) {
            Map<String, Object> copy = AS_SENT.convertValue(message, new TypeReference<>() {
            });
            synchronized (subscribeRequests) {
                subscribeRequests.add(copy);
            }
        }
        Map<String, Object> refusal = refusal(message);
        if (refusal == null) {
            super.handle(session, message, promise);
            return;
        }
        if (session != null && AUTHENTICATION_INVALID.equals(refusal.get(Message.ERROR_FIELD))) {
            removeSession(session);
        }
        ServerMessage.Mutable reply = createReply(message);
        reply.putAll(refusal);
        promise.succeed(reply);
    }

    @Override
    protected void unknownSession(ServerMessage.Mutable reply) {
        super.unknownSession(reply);
        reply.put(Message.ERROR_FIELD, UNKNOWN_CLIENT);
    }

    @Override
    public void extendReply(ServerSessionImpl sender, ServerSessionImpl session, ServerMessage.Mutable reply,
                            Promise<ServerMessage.Mutable> promise) {
        ServerMessage request = reply.getAssociated();
        if (reply.getClientId() == null && request != null && request.getClientId() != null) {
            reply.setClientId(request.getClientId());
        }
        if (Channel.META_HANDSHAKE.equals(reply.getChannel()) && reply.isSuccessful()) {
            Map<String, Object> ext = reply.getExt(true);
            ext.put("replay", true);
            ext.put("payload.format", true);
            reply.remove(Message.ADVICE_FIELD);
            handshakes.incrementAndGet();
        } else if (Channel.META_CONNECT.equals(reply.getChannel()) && session != null) {
            if (dropped.remove(session.getId())) {
                reply.remove(Message.ADVICE_FIELD);
                unknownSession(reply);
            } else if (reply.isSuccessful() && !hasValidToken(reply.getBayeuxContext())) {
                removeSession(session);
                reply.putAll(authenticationInvalid());
            }
        }
        super.extendReply(sender, session, reply, promise);
    }

    /** The fields of Salesforce's refusal of this message, or {@code null} when the message may proceed. */
    private Map<String, Object> refusal(ServerMessage message) {
        String versionError = versionError(message.getBayeuxContext());
        if (versionError != null) {
            return failure(versionError);
        }
        if (!hasValidToken(message.getBayeuxContext())) {
            return Channel.META_HANDSHAKE.equals(message.getChannel()) ? handshakeDenied() : authenticationInvalid();
        }
        if (Channel.META_SUBSCRIBE.equals(message.getChannel())) {
            return subscribeRefusal(message);
        }
        return message.isMeta() ? null : failure("403::Publish denied");
    }

    private boolean hasValidToken(BayeuxContext context) {
        return context != null && tokens.isValidAuthorization(context.getHeader("Authorization"));
    }

    private static String versionError(BayeuxContext context) {
        Matcher versioned = VERSIONED_PATH.matcher(context == null ? "" : URI.create(context.getURL()).getPath());
        if (!versioned.matches()) {
            return "400::API version in the URI is mandatory. " + URI_FORMAT;
        }
        if (Double.parseDouble(versioned.group(1)) < OLDEST_VERSION) {
            return "400::Unsupported API version. Only API versions '" + OLDEST_VERSION + "' and above are supported. "
                    + URI_FORMAT;
        }
        return null;
    }

    private Map<String, Object> subscribeRefusal(ServerMessage message) {
        Object field = message.get(Message.SUBSCRIPTION_FIELD);
        List<?> channels = field instanceof List<?> list ? list : field == null ? List.of() : List.of(field);
        if (channels.isEmpty()) {
            return failure("400::Channel name not specified");
        }
        for (Object channel : channels) {
            String name = String.valueOf(channel);
            if (!name.startsWith("/")) {
                return failure("400::Channel subscriptions must start with a leading '/'");
            }
            if (!PlatformEventBus.isEventChannel(name)) {
                return failure("400::The channel you requested to subscribe to does not exist {" + name + "}");
            }
            long replayId = PlatformEventBus.requestedReplayId(message, name);
            if (!events.isValidReplayId(name, replayId)) {
                return failure("400::The replayId {" + replayId + "} you provided was invalid.  Please provide a valid"
                        + " ID, -2 to replay all events, or -1 to replay only new events.");
            }
        }
        return null;
    }

    private static Map<String, Object> handshakeDenied() {
        Map<String, Object> fields = failure(HANDSHAKE_DENIED);
        fields.put(Message.EXT_FIELD, mutable(Map.of("sfdc", mutable(Map.of("failureReason", AUTHENTICATION_INVALID)))));
        fields.put(Message.ADVICE_FIELD, mutable(Map.of(Message.RECONNECT_FIELD, Message.RECONNECT_NONE_VALUE)));
        return fields;
    }

    private static Map<String, Object> authenticationInvalid() {
        Map<String, Object> fields = failure(AUTHENTICATION_INVALID);
        fields.put(Message.ADVICE_FIELD, mutable(Map.of(Message.RECONNECT_FIELD, Message.RECONNECT_NONE_VALUE,
                Message.INTERVAL_FIELD, 0)));
        return fields;
    }

    /** A modifiable copy: CometD may still add to a reply's advice. */
    private static Map<String, Object> mutable(Map<String, Object> fields) {
        return new LinkedHashMap<>(fields);
    }

    private static Map<String, Object> failure(String error) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(Message.ERROR_FIELD, error);
        fields.put(Message.SUCCESSFUL_FIELD, false);
        return fields;
    }
}
