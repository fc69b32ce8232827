package io.certbridge.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.shared.Json;
import io.certbridge.backbone.KafkaSettings;
import io.certbridge.intake.rules.RuleMatch;
import io.certbridge.issuance.CertificateRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The record of accepted events and what each led to. An event is recorded once per source and event
 * key; the certificate requests it made go to the outbox in the same statement, so an event is never
 * recorded without its requests nor requested twice.
 */
@Component
public class IntakeEventStore {

    record Recorded(IntakeEvent event, RuleMatch match) {
    }

    /** A recorded event as the API shows it. */
    public record View(String id, String source, String type, String eventKey, String learnerId, String courseId,
                String status, String detail, List<String> ruleIds, List<String> requestKeys, JsonNode event,
                Instant receivedAt, Instant recordedAt) {
    }

    public record Filter(String status, String source) {
    }

    /**
     * Follows a statement whose CTE {@code written} returns the ids of the events it wrote: the outbox
     * gets the certificate requests of those events only, in order.
     */
    private static final String REQUESTS_OF_WRITTEN = """
            insert into outbox (topic, message_key, payload)
            select ?, m.message_key, m.payload
            from unnest(?::text[], ?::text[], ?::text[]) with ordinality as m(event_id, message_key, payload, n)
            join written on written.id = m.event_id
            order by m.n""";

    private final JdbcClient jdbc;
    private final Json json;
    private final Clock clock;
    private final String requestsTopic;

    IntakeEventStore(JdbcClient jdbc, Json json, Clock clock, KafkaSettings kafka) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.requestsTopic = kafka.topics().certificateRequests();
    }

    /** Records what is new among {@code recorded}; an event recorded before is left as it was. */
    void insertNew(List<Recorded> recorded) {
        int n = recorded.size();
        String[] ids = new String[n], sources = new String[n], types = new String[n], keys = new String[n],
                learners = new String[n], courses = new String[n], statuses = new String[n], details = new String[n],
                ruleIds = new String[n], requestKeys = new String[n], events = new String[n], received = new String[n];
        for (int i = 0; i < n; i++) {
            IntakeEvent event = recorded.get(i).event();
            RuleMatch match = recorded.get(i).match();
            ids[i] = event.id();
            sources[i] = event.source();
            types[i] = event.type();
            keys[i] = event.eventKey();
            learners[i] = event.learner().id();
            courses[i] = event.course().id();
            statuses[i] = match.status();
            details[i] = match.detail();
            ruleIds[i] = json.write(match.ruleIds());
            requestKeys[i] = json.write(match.requestKeys());
            events[i] = json.write(event);
            received[i] = event.receivedAt().toString();
        }
        Requests requests = requests(recorded);
        jdbc.sql("""
                        with written as (
                            insert into intake_events (id, source, event_type, event_key, learner_id, course_id, status,
                                                       detail, rule_ids, request_keys, event, received_at, recorded_at)
                            select id, src, typ, ekey, learner, course, status, detail,
                                   array(select jsonb_array_elements_text(rules::jsonb)),
                                   array(select jsonb_array_elements_text(rkeys::jsonb)),
                                   ev::jsonb, rec::timestamptz, ?
                            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                                 as t(id, src, typ, ekey, learner, course, status, detail, rules, rkeys, ev, rec)
                            on conflict (source, event_key) do nothing
                            returning id)
                        """ + REQUESTS_OF_WRITTEN)
                .params(Timestamp.from(clock.instant()), ids, sources, types, keys, learners, courses,
                        statuses, details, ruleIds, requestKeys, events, received, requestsTopic, requests.eventIds,
                        requests.keys, requests.payloads)
                .update();
    }

    /** Records what a replayed event leads to now, in place of what it led to before. */
    void replace(Recorded recorded) {
        RuleMatch match = recorded.match();
        Requests requests = requests(List.of(recorded));
        jdbc.sql("""
                        with written as (
                            update intake_events set status = ?, detail = ?, rule_ids = ?, request_keys = ?,
                                                     recorded_at = ?
                            where id = ? returning id)
                        """ + REQUESTS_OF_WRITTEN)
                .params(match.status(), match.detail(), match.ruleIds().toArray(String[]::new),
                        match.requestKeys().toArray(String[]::new),
                        Timestamp.from(clock.instant()), recorded.event().id(), requestsTopic,
                        requests.eventIds, requests.keys, requests.payloads)
                .update();
    }

    /** Forgets the events received before {@code cutoff}, with the learners' data they hold; returns how many. */
    public int purgeReceivedBefore(Instant cutoff) {
        return jdbc.sql("delete from intake_events where received_at < ?").param(Timestamp.from(cutoff)).update();
    }

    Optional<IntakeEvent> event(String id) {
        return jdbc.sql("select event from intake_events where id = ?").param(id)
                .query((rs, row) -> json.read(rs.getString("event"), IntakeEvent.class)).optional();
    }

    public Optional<View> find(String id) {
        return jdbc.sql("select * from intake_events where id = ?").param(id).query(this::view).optional();
    }

    /** Newest first; {@code startingAfter} is the id of the last event of the previous page. */
    public List<View> list(Filter filter, int fetch, String startingAfter) {
        return jdbc.sql("""
                        select * from intake_events
                        where (cast(? as text) is null or status = ?) and (cast(? as text) is null or source = ?)
                          and (cast(? as text) is null or seq < (select seq from intake_events where id = ?))
                        order by seq desc limit ?""")
                .params(filter.status(), filter.status(), filter.source(), filter.source(), startingAfter,
                        startingAfter, fetch)
                .query(this::view).list();
    }

    private record Requests(String[] eventIds, String[] keys, String[] payloads) {
    }

    private Requests requests(List<Recorded> recorded) {
        List<String> eventIds = new ArrayList<>(), keys = new ArrayList<>(), payloads = new ArrayList<>();
        for (Recorded r : recorded) {
            for (CertificateRequest request : r.match().requests()) {
                eventIds.add(r.event().id());
                keys.add(request.requestKey());
                payloads.add(json.write(request));
            }
        }
        return new Requests(eventIds.toArray(String[]::new), keys.toArray(String[]::new),
                payloads.toArray(String[]::new));
    }

    private View view(ResultSet rs, int row) throws SQLException {
        return new View(rs.getString("id"), rs.getString("source"), rs.getString("event_type"),
                rs.getString("event_key"), rs.getString("learner_id"), rs.getString("course_id"),
                rs.getString("status"), rs.getString("detail"), List.of((String[]) rs.getArray("rule_ids").getArray()),
                List.of((String[]) rs.getArray("request_keys").getArray()),
                json.read(rs.getString("event"), IntakeEvent.class).data(),
                rs.getTimestamp("received_at").toInstant(), rs.getTimestamp("recorded_at").toInstant());
    }
}
