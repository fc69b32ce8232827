package io.certbridge.intake.moodle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.intake.IntakeEvent.Learner;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Moodle events name the learner by id only; the certificate needs a name and an e-mail address, which
 * core_user_get_users_by_field gives, for many learners in one call.
 */
@Component
public class MoodleLearners {

    static final String LOOKUP = "kamelet:moodle-web-service-action?function=core_user_get_users_by_field";

    private final ProducerTemplate camel;
    private final ObjectMapper mapper;

    MoodleLearners(ProducerTemplate camel, ObjectMapper mapper) {
        this.camel = camel;
        this.mapper = mapper;
    }

    /** The learners Moodle knows among {@code ids}, by id; throws when Moodle cannot be asked. */
    public Map<String, Learner> find(List<String> ids) throws IOException {
        String form = "field=id&" + IntStream.range(0, ids.size())
                .mapToObj(i -> "values[" + i + "]=" + URLEncoder.encode(ids.get(i), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        JsonNode users = mapper.readTree(camel.requestBody(LOOKUP, form, String.class));
        Map<String, Learner> found = new HashMap<>();
        for (JsonNode user : users) {
            String id = user.path("id").asText();
            found.put(id, new Learner(id, user.path("fullname").asText(
                    (user.path("firstname").asText("") + " " + user.path("lastname").asText("")).strip()),
                    user.path("email").asText(null)));
        }
        return found;
    }
}
