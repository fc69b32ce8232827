package io.certbridge.writeback;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The threads the lms-writeback flow sends on: a fixed number, so that no LMS gets more calls at once. */
@Configuration
class WritebackThreads {

    @Bean(destroyMethod = "shutdown")
    ExecutorService writebackSenders(WritebackSettings settings) {
        return Executors.newFixedThreadPool(settings.concurrency(), Thread.ofVirtual().name("writeback-", 0).factory());
    }
}
