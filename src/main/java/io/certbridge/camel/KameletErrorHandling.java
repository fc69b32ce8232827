package io.certbridge.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;

/**
 * Gives the route of every Kamelet no error handler of its own, so that a failed call is thrown to the flow that
 * called it, whose error handling (one route configuration, or a doTry) retries or gives up and logs that once.
 * Else each Kamelet route would also log every failure, retried or not, as an ERROR with a stack trace
 * ("Exhausted after delivery attempt"). Set here because camel-kamelet has no Spring Boot starter to bind
 * camel.component.kamelet.* from application.yaml.
 */
@Component
class KameletErrorHandling implements CamelContextConfiguration {

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        camel.getComponent("kamelet", KameletComponent.class).setNoErrorHandler(true);
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
    }
}
