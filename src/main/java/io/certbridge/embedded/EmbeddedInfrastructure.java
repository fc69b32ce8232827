package io.certbridge.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The embedded default: when no database (spring.datasource.url) or no Kafka
 * (certbridge.kafka.bootstrap-servers) is configured, starts a real PostgreSQL and a single-node
 * KRaft Kafka in this process, both keeping their data under certbridge.data-dir, before any bean
 * needs them. Each part is decided on its own; with both configured nothing embedded starts.
 */
public class EmbeddedInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    /** Beans that use the embedded servers and so must stop before them. */
    private static final String[] USERS = {"dataSource", "camelContext", "kafkaAdmin", "kafkaProducer", "flyway"};

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        Path dataDir = Path.of(env.getProperty("certbridge.data-dir", "./data")).toAbsolutePath().normalize();
        Map<String, Object> properties = new HashMap<>();

        if (!StringUtils.hasText(env.getProperty("spring.datasource.url"))) {
            Path dir = dataDir.resolve("postgres");
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir,
                    env.getProperty("certbridge.embedded.postgres-port", Integer.class, 0));
            log.info("Embedded PostgreSQL started, data in {}", dir);
            properties.put("spring.datasource.url", postgres.jdbcUrl());
            properties.put("spring.datasource.username", postgres.username());
            properties.put("spring.datasource.password", "");
            register(context, "embeddedPostgres", EmbeddedPostgresServer.class, postgres);
        }
        if (!StringUtils.hasText(env.getProperty("certbridge.kafka.bootstrap-servers"))) {
            Path dir = dataDir.resolve("kafka");
            EmbeddedKafka kafka = EmbeddedKafka.start(dir,
                    env.getProperty("certbridge.embedded.kafka-port", Integer.class, 0));
            log.info("Embedded Kafka started at {}, data in {}", kafka.bootstrapServers(), dir);
            properties.put("certbridge.kafka.bootstrap-servers", kafka.bootstrapServers());
            register(context, "embeddedKafka", EmbeddedKafka.class, kafka);
        }
        if (!properties.isEmpty()) {
            env.getPropertySources().addFirst(new MapPropertySource("certbridge-embedded", properties));
        }
    }

    /**
     * As a bean, so that the context closes it, and only after everything that uses it. A start that fails before
     * the bean is made (a setting refused while the web server starts) closes it too: its threads would keep the
     * process alive.
     */
    private static <T extends AutoCloseable> void register(ConfigurableApplicationContext context, String name,
                                                           Class<T> type, T server) {
        ((GenericApplicationContext) context).registerBean(name, type, () -> server);
        context.addApplicationListener((ApplicationListener<ApplicationFailedEvent>) failed -> closeQuietly(server));
        context.addBeanFactoryPostProcessor((BeanFactoryPostProcessor) beanFactory -> {
            for (String user : USERS) {
                if (beanFactory.containsBeanDefinition(user)) {
                    BeanDefinition definition = beanFactory.getBeanDefinition(user);
                    String[] dependsOn = definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
                    String[] extended = java.util.Arrays.copyOf(dependsOn, dependsOn.length + 1);
                    extended[dependsOn.length] = name;
                    definition.setDependsOn(extended);
                }
            }
        });
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            log.warn("Could not stop {} after the failed start: {}", server.getClass().getSimpleName(), e.toString());
        }
    }
}
