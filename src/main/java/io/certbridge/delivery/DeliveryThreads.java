package io.certbridge.delivery;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the delivery flow sends on, a virtual thread per call (a connector's batch size bounds how many of its calls
 * are made at once), and how it gathers the outcomes of a round.
 */
@Configuration
class DeliveryThreads {

    @Bean(destroyMethod = "shutdown")
    ExecutorService deliverySenders() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("delivery-", 0).factory());
    }

    @Bean
    GroupedBodyAggregationStrategy deliveryOutcomes() {
        return new GroupedBodyAggregationStrategy();
    }
}
