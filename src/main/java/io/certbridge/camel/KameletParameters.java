package io.certbridge.camel;

import java.util.Arrays;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.stereotype.Component;

/**
 * Hands the camel.kamelet.* settings of the Spring environment to Camel. The Kamelet component reads
 * a Kamelet's parameters from the property sources Camel can list, and Spring's environment is not one
 * of them: without this, a parameter set in application.yaml or the environment would not reach its Kamelet.
 */
@Component
class KameletParameters implements CamelContextConfiguration {

    private static final String PREFIX = "camel.kamelet.";

    private final ConfigurableEnvironment environment;

    KameletParameters(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        environment.getPropertySources().stream()
                .filter(EnumerablePropertySource.class::isInstance)
                .flatMap(source -> Arrays.stream(((EnumerablePropertySource<?>) source).getPropertyNames()))
                .filter(name -> name.startsWith(PREFIX))
                .distinct()
                .forEach(name -> {
                    String value = environment.getProperty(name);
                    if (value != null && !value.isEmpty()) {
                        camel.getPropertiesComponent().addInitialProperty(name, value);
                    }
                });
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
    }
}
