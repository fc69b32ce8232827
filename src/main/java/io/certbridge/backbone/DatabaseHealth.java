package io.certbridge.backbone;

import javax.sql.DataSource;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The database's part of the health endpoint: Spring Boot's check, bounded in time. */
@Configuration
class DatabaseHealth {

    @Bean
    HealthIndicator dbHealthIndicator(DataSource dataSource) {
        return BoundedHealth.of(new DataSourceHealthIndicator(dataSource));
    }
}
