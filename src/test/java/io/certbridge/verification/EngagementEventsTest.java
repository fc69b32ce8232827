package io.certbridge.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.backbone.KafkaSettings;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.KafkaTopicReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.UriComponentsBuilder;

/** Looking at, verifying and sharing a certificate are announced on the backbone. */
class EngagementEventsTest extends HubTestBase {

    @Autowired
    KafkaSettings kafka;

    @Test
    void aViewAVerificationAndALinkedInShareAreAnnounced() {
        JsonNode created = api().post("/v1/certificates", certificate(courseTemplate(), "ada@example.org")).body();
        String id = created.get("id").asText();

        assertThat(anonymous().get("/verify/" + id).status()).isEqualTo(200);
        assertThat(anonymous().get("/v1/verify/" + id).status()).isEqualTo(200);
        ApiClient.Response linkedIn = anonymous().get("/verify/" + id + "/linkedin");

        assertThat(linkedIn.status()).isEqualTo(302);
        URI location = URI.create(linkedIn.header("Location"));
        assertThat(location.getHost()).isEqualTo("www.linkedin.com");
        assertThat(location.getPath()).isEqualTo("/profile/add");
        var query = UriComponentsBuilder.fromUri(location).build().getQueryParams();
        assertThat(query.getFirst("startTask")).isEqualTo("CERTIFICATION_NAME");
        assertThat(query.getFirst("certId")).isEqualTo(id);
        assertThat(URI.create(URLDecoder.decode(query.getFirst("certUrl"), StandardCharsets.UTF_8)).getPath())
                .isEqualTo("/verify/" + id);
        assertThat(query.getFirst("name")).isNotBlank();

        List<JsonNode> events = KafkaTopicReader.read(kafka.bootstrapServers(), kafka.topics().certificateEvents(),
                e -> e.get("type").asText().matches("certificate\\.(viewed|verified|shared)")
                        && id.equals(e.at("/data/certificate_id").asText()), 3, Duration.ofSeconds(20));
        Set<String> types = events.stream().map(e -> e.get("type").asText()).collect(Collectors.toSet());
        assertThat(types).containsExactlyInAnyOrder("certificate.viewed", "certificate.verified", "certificate.shared");
    }
}
