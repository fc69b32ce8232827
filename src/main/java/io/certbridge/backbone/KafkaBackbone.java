package io.certbridge.backbone;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka side of the hub: its topics, the producer the outbox relay and the intake endpoints use, and
 * a health check.
 */
@Configuration
class KafkaBackbone {

    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(KafkaSettings settings) throws Exception {
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()));
        createMissingTopics(admin, settings);
        return admin;
    }

    /** Before any route subscribes, so that no topic is auto-created with the broker's default partitions. */
    private static void createMissingTopics(Admin admin, KafkaSettings settings) throws Exception {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = List.of(settings.topics().certificateRequests(), settings.topics().certificateEvents(),
                        settings.topics().intakeEvents())
                .stream()
                .filter(name -> !existing.contains(name))
                .map(name -> new NewTopic(name, Optional.of(settings.partitions()), Optional.empty()))
                .toList();
        for (var creation : admin.createTopics(missing).values().values()) {
            try {
                creation.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    @Bean(destroyMethod = "close")
    Producer<String, String> kafkaProducer(KafkaSettings settings) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.CLIENT_ID_CONFIG, "certbridge"),
                new StringSerializer(), new StringSerializer());
    }

    @Bean
    HealthIndicator kafkaHealthIndicator(Admin admin) {
        return BoundedHealth.of(() -> {
            try {
                DescribeClusterResult cluster = admin.describeCluster(
                        new DescribeClusterOptions().timeoutMs((int) BoundedHealth.BOUND.toMillis()));
                return Health.up()
                        .withDetail("clusterId", cluster.clusterId().get())
                        .withDetail("brokers", cluster.nodes().get().size())
                        .build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.down().withDetail("error", "interrupted").build();
            } catch (ExecutionException e) {
                return Health.down().withDetail("error", e.getCause().getClass().getSimpleName()).build();
            }
        });
    }
}
