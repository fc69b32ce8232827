package io.certbridge.intake.rules;

import io.certbridge.shared.Ids;
import io.certbridge.shared.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The stored rules, from the API and from the configuration file alike. */
@Component
public class Rules {

    private final JdbcClient jdbc;
    private final Json json;
    private final Clock clock;

    Rules(JdbcClient jdbc, Json json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Every rule of both environments, read afresh: a change made on any instance applies at once. */
    public List<Rule> all() {
        return jdbc.sql("select * from intake_rules order by seq").query(this::map).list();
    }

    Rule create(RuleDefinition definition) {
        Instant now = now();
        String id = Ids.newId("rule");
        jdbc.sql("""
                        insert into intake_rules (id, environment, origin, definition, created_at, updated_at)
                        values (?, ?, 'api', ?::jsonb, ?, ?)""")
                .params(id, definition.issuer(), json.write(definition), Timestamp.from(now), Timestamp.from(now))
                .update();
        return new Rule(id, "api", definition, now, now);
    }

    public Optional<Rule> find(String id, String environment) {
        return jdbc.sql("select * from intake_rules where id = ? and environment = ?").params(id, environment)
                .query(this::map).optional();
    }

    /** Newest first; {@code startingAfter} is the id of the last rule of the previous page. */
    List<Rule> list(String environment, int fetch, String startingAfter) {
        return jdbc.sql("""
                        select * from intake_rules
                        where environment = ? and (cast(? as text) is null or seq < (select seq from intake_rules where id = ?))
                        order by seq desc limit ?""")
                .params(environment, startingAfter, startingAfter, fetch)
                .query(this::map).list();
    }

    void replace(String id, RuleDefinition definition) {
        jdbc.sql("update intake_rules set definition = ?::jsonb, updated_at = ? where id = ?")
                .params(json.write(definition), Timestamp.from(now()), id).update();
    }

    void delete(String id) {
        jdbc.sql("delete from intake_rules where id = ?").param(id).update();
    }

    /** Makes the stored configuration rules exactly {@code configured}, keyed by their ids. */
    void replaceConfigured(Map<String, RuleDefinition> configured) {
        Instant now = now();
        jdbc.sql("delete from intake_rules where origin = 'config' and not (id = any(?))")
                .param(configured.keySet().toArray(String[]::new)).update();
        configured.forEach((id, definition) -> jdbc.sql("""
                        insert into intake_rules (id, environment, origin, definition, created_at, updated_at)
                        values (?, ?, 'config', ?::jsonb, ?, ?)
                        on conflict (id) do update set environment = excluded.environment, origin = 'config',
                            definition = excluded.definition, updated_at = excluded.updated_at
                        where intake_rules.definition is distinct from excluded.definition""")
                .params(id, definition.issuer(), json.write(definition), Timestamp.from(now), Timestamp.from(now))
                .update());
    }

    private Rule map(ResultSet rs, int row) throws SQLException {
        return new Rule(rs.getString("id"), rs.getString("origin"),
                json.read(rs.getString("definition"), RuleDefinition.class),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
