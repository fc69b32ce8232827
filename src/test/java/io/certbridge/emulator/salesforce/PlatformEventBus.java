package io.certbridge.emulator.salesforce;

import io.certbridge.emulator.salesforce.SalesforceEmulator.PublishedEvent;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.cometd.bayeux.Promise;
import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.bayeux.server.ServerChannel;
import org.cometd.bayeux.server.ServerMessage;
import org.cometd.bayeux.server.ServerSession;

/**
 * The platform-event channels ({@code /event/<Name>__e}) and the change-event channels of Change Data Capture
 * ({@code /data/<Type>ChangeEvent}, published by {@link ChangeDataCapture}): a log of the retained events of each channel
 * and the CometD sessions subscribed to it. A new subscriber first gets the retained events its
 * {@code ext.replay} asks for ({@code -1}: none, {@code -2}: all, an event's replay id: those after it),
 * then every newly published event. Publishing and subscribing take one lock, so a subscriber sees each
 * event once and in replay-id order. Replay ids grow by a random step of 1 to 5, as they are not
 * contiguous in Salesforce.
 *
 * <p>An event is delivered as Salesforce does: {@code {"data":{"schema","payload","event":{"EventUuid",
 * "replayId"}},"channel"}} (a change event without {@code EventUuid}); CometD queues it for the session's next {@code /meta/connect} reply, several
 * events to a reply when they are waiting.
 */
final class PlatformEventBus implements BayeuxServer.SubscriptionListener, BayeuxServer.SessionListener {

    static final Pattern CHANNEL = Pattern.compile("/event/[A-Za-z][A-Za-z0-9_]*__e|/data/[A-Za-z][A-Za-z0-9_]*ChangeEvent");
    static final long NEW_EVENTS = -1;
    static final long ALL_EVENTS = -2;
    private static final DateTimeFormatter CREATED_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private record Event(long replayId, Map<String, Object> data) {
    }

    private static final class EventChannel {
        final String schema;
        long lastReplayId;
        final List<Event> retained = new ArrayList<>();
        final Set<ServerSession> subscribers = new LinkedHashSet<>();

        EventChannel(String schema, long firstReplayId) {
            this.schema = schema;
            this.lastReplayId = firstReplayId;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, EventChannel> channels = new HashMap<>();
    private final String createdById;

    /** @param createdById the user id put in {@code CreatedById} of published events */
    PlatformEventBus(String createdById) {
        this.createdById = createdById;
    }

    static boolean isEventChannel(String channel) {
        return channel != null && CHANNEL.matcher(channel).matches();
    }

    /**
     * The replay id a {@code /meta/subscribe} message asks for on a channel: its {@code ext.replay} entry,
     * or {@link #NEW_EVENTS} when it has none.
     */
    static long requestedReplayId(ServerMessage subscribe, String channel) {
        Map<String, Object> ext = subscribe.getExt();
        Object replay = ext == null ? null : ext.get("replay");
        Object replayId = replay instanceof Map<?, ?> map ? map.get(channel) : null;
        return replayId instanceof Number number ? number.longValue() : NEW_EVENTS;
    }

    /** Publishes an event whose payload is the fields plus {@code CreatedDate} and {@code CreatedById}. */
    PublishedEvent publishFields(String channel, Map<String, Object> fields) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("CreatedDate", CREATED_DATE.format(Instant.now()));
        payload.put("CreatedById", createdById);
        payload.putAll(fields);
        return publish(channel, payload);
    }

    /** Publishes an event with this value as {@code data.payload}, whatever JSON value it is. */
    synchronized PublishedEvent publish(String channel, Object payload) {
        if (!isEventChannel(channel)) {
            throw new IllegalArgumentException("not a platform-event (/event/<Name>__e) or change-event "
                    + "(/data/<Type>ChangeEvent) channel: " + channel);
        }
        EventChannel log = channel(channel);
        log.lastReplayId += 1 + random.nextInt(5);
        String uuid = channel.startsWith("/event/") ? UUID.randomUUID().toString() : null;
        Map<String, Object> event = new LinkedHashMap<>();
        if (uuid != null) {
            event.put("EventUuid", uuid);
        }
        event.put("replayId", log.lastReplayId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("schema", log.schema);
        data.put("payload", payload);
        data.put("event", Collections.unmodifiableMap(event));
        Event published = new Event(log.lastReplayId, Collections.unmodifiableMap(data));
        log.retained.add(published);
        log.subscribers.forEach(session -> deliver(session, channel, published));
        return new PublishedEvent(uuid, published.replayId());
    }

    /** True for {@code -1}, {@code -2} and the replay id of an event the channel still retains. */
    synchronized boolean isValidReplayId(String channel, long replayId) {
        if (replayId == NEW_EVENTS || replayId == ALL_EVENTS) {
            return true;
        }
        EventChannel log = channels.get(channel);
        return log != null && log.retained.stream().anyMatch(event -> event.replayId() == replayId);
    }

    /** Drops, on every channel, the retained events whose replay id is at most this one. */
    synchronized void forgetUpTo(long replayId) {
        channels.values().forEach(log -> log.retained.removeIf(event -> event.replayId() <= replayId));
    }

    /** Drops every retained event; replay ids keep growing from where they were. */
    synchronized void forgetAll() {
        channels.values().forEach(log -> log.retained.clear());
    }

    synchronized int subscribers(String channel) {
        EventChannel log = channels.get(channel);
        if (log == null) {
            return 0;
        }
        // a subscribe CometD handles while it removes the session is reported after sessionRemoved
        log.subscribers.removeIf(session -> !session.isHandshook());
        return log.subscribers.size();
    }

    @Override
    public void subscribed(ServerSession session, ServerChannel channel, ServerMessage message) {
        String name = channel.getId();
        if (!isEventChannel(name)) {
            return;
        }
        long from = requestedReplayId(message, name);
        synchronized (this) {
            EventChannel log = channel(name);
            if (from != NEW_EVENTS) {
                List<Event> backlog = log.retained.stream()
                        .filter(event -> from == ALL_EVENTS || event.replayId() > from)
                        .toList();
                session.batch(() -> backlog.forEach(event -> deliver(session, name, event)));
            }
            log.subscribers.add(session);
        }
    }

    @Override
    public synchronized void unsubscribed(ServerSession session, ServerChannel channel, ServerMessage message) {
        EventChannel log = channels.get(channel.getId());
        if (log != null) {
            log.subscribers.remove(session);
        }
    }

    @Override
    public synchronized void sessionRemoved(ServerSession session, ServerMessage message, boolean timeout) {
        channels.values().forEach(log -> log.subscribers.remove(session));
    }

    private EventChannel channel(String name) {
        return channels.computeIfAbsent(name, n -> {
            byte[] schema = new byte[16];
            random.nextBytes(schema);
            return new EventChannel(Base64.getUrlEncoder().withoutPadding().encodeToString(schema),
                    1_000 + random.nextInt(20_000));
        });
    }

    private static void deliver(ServerSession session, String channel, Event event) {
        session.deliver(null, channel, event.data(), Promise.noop());
    }
}
