package io.certbridge.camel;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;

/**
 * Makes (and starts) routes from the route templates of routes/, for the flows that run only when configured.
 * Camel's route model is not safe for concurrent additions, and the Salesforce subscriptions are made from
 * threads of their own while the mail routes are made at start-up: so additions happen one at a time.
 */
public final class TemplatedRoutes {

    private TemplatedRoutes() {
    }

    public static void add(CamelContext camel, String template, String routeId, Map<String, Object> parameters) {
        synchronized (camel) {
            TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(camel, template).routeId(routeId);
            parameters.forEach(builder::parameter);
            builder.add();
        }
    }

    /** Starts a route made with its template's {@code autoStartup: false}, one at a time with {@link #add}. */
    public static void start(CamelContext camel, String routeId) throws Exception {
        synchronized (camel) {
            camel.getRouteController().startRoute(routeId);
        }
    }
}
