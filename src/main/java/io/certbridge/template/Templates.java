package io.certbridge.template;

import com.fasterxml.jackson.core.type.TypeReference;
import io.certbridge.shared.Json;
import io.certbridge.shared.Ids;
import io.certbridge.template.Template.TemplateField;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
public class Templates {

    private static final TypeReference<List<TemplateField>> FIELDS = new TypeReference<>() {
    };

    private static final int CACHE_SIZE = 10_000;

    private final JdbcClient jdbc;
    private final Json json;
    private final Map<String, Template> cache = new ConcurrentHashMap<>();

    public Templates(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Template create(String name, String description, String criteria, List<TemplateField> fields,
                           Integer validForDays, String design, boolean emailDelivery, String issuer,
                           String externalTemplateId, Template.TrueScreen truescreen) {
        Template template = new Template(Ids.newId("tmpl"), "template", name, description, criteria, fields,
                validForDays, design, emailDelivery, issuer, externalTemplateId, truescreen,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("""
                        insert into templates (id, name, description, criteria, fields, valid_for_days, design,
                                               email_delivery, issuer, external_template_id, truescreen,
                                               created_at)
                        values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?)""")
                .params(template.id(), name, description, criteria, json.write(fields), validForDays, design,
                        emailDelivery, issuer, externalTemplateId, truescreen == null ? null : json.write(truescreen),
                        Timestamp.from(template.createdAt()))
                .update();
        return template;
    }

    /** Templates never change once created, so every instance may keep the ones it has read. */
    public Optional<Template> find(String id) {
        Template cached = cache.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Template> template = jdbc.sql("select * from templates where id = ?").param(id).query(this::map).optional();
        template.ifPresent(this::remember);
        return template;
    }

    /** A template named by its id, or else by its name (ignoring case; the newest, if several share it). */
    public Optional<Template> findByIdOrName(String reference) {
        return find(reference).or(() -> jdbc.sql("""
                        select * from templates where lower(name) = lower(?) order by created_at desc limit 1""")
                .param(reference).query(this::map).optional());
    }

    private void remember(Template template) {
        if (cache.size() >= CACHE_SIZE) {
            cache.clear();
        }
        cache.put(template.id(), template);
    }

    public Map<String, Template> findAll(Collection<String> ids) {
        return jdbc.sql("select * from templates where id = any(?)")
                .param(ids.toArray(String[]::new))
                .query(this::map).list().stream()
                .collect(Collectors.toMap(Template::id, Function.identity()));
    }

    /** Newest first; {@code startingAfter} is the id of the last template of the previous page. */
    public List<Template> list(int fetch, String startingAfter) {
        return jdbc.sql("""
                        select * from templates
                        where (cast(? as text) is null or seq < (select seq from templates where id = ?))
                        order by seq desc limit ?""")
                .params(startingAfter, startingAfter, fetch)
                .query(this::map).list();
    }

    private Template map(ResultSet rs, int row) throws SQLException {
        return new Template(rs.getString("id"), "template", rs.getString("name"), rs.getString("description"),
                rs.getString("criteria"), json.read(rs.getString("fields"), FIELDS),
                (Integer) rs.getObject("valid_for_days"), rs.getString("design"), rs.getBoolean("email_delivery"),
                rs.getString("issuer"), rs.getString("external_template_id"),
                rs.getString("truescreen") == null ? null : json.read(rs.getString("truescreen"), Template.TrueScreen.class),
                rs.getTimestamp("created_at").toInstant());
    }

}
