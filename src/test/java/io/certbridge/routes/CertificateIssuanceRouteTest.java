package io.certbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import io.certbridge.issuance.CertificateRequestConsumer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * routes/certificate-issuance on its own, on a real Kafka (the embedded one): the requests on the topic reach the
 * issuer in batches, and the batch's offsets are committed once it has issued them, and not when it failed.
 */
@CamelSpringBootTest
@SpringBootTest(classes = RouteTestContext.class, properties = {
        RouteTestContext.NO_DATABASE, "certbridge.data-dir=target/test-hub-data-routes-issuance",
        RouteTestContext.ROUTES + "classpath:camel/routes/certificate-issuance.camel.yaml"})
class CertificateIssuanceRouteTest {

    private static final String GROUP = "certbridge-issuance";

    @MockitoBean(name = "certificateRequestConsumer")
    CertificateRequestConsumer consumer;

    @Value("${certbridge.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Value("${certbridge.kafka.topics.certificate-requests}")
    String topic;

    @Test
    void issuesWhatArrivesAndCommitsOnlyTheBatchesItIssued() throws Exception {
        BackboneTopic requests = new BackboneTopic(bootstrapServers, topic);
        List<String> issued = new CopyOnWriteArrayList<>();
        doAnswer(call -> {
            List<Exchange> batch = call.getArgument(0);
            batch.forEach(record -> issued.add(record.getMessage().getBody(String.class)));
            return null;
        }).when(consumer).issue(anyList());

        requests.send(List.of("{\"request_key\":\"batch_1/1\"}", "{\"request_key\":\"batch_1/2\"}",
                "{\"request_key\":\"batch_1/3\"}"));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while ((issued.size() < 3 || requests.committed(GROUP) < 3) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(issued).as("the requests the issuer was handed")
                .containsExactly("{\"request_key\":\"batch_1/1\"}", "{\"request_key\":\"batch_1/2\"}",
                        "{\"request_key\":\"batch_1/3\"}");
        assertThat(requests.committed(GROUP)).as("the offsets committed once they were issued").isEqualTo(3);

        doThrow(new IllegalStateException("the database is gone")).when(consumer).issue(anyList());
        requests.send(List.of("{\"request_key\":\"batch_2/1\"}"));
        verify(consumer, timeout(30_000).times(2)).issue(anyList());
        Thread.sleep(1_000);
        assertThat(requests.committed(GROUP)).as("the offsets after a batch that failed").isEqualTo(3);
    }
}
