package io.certbridge.delivery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The registered connectors: every {@link Connector} bean, by its Kamelet's name. */
@Component
public class Connectors {

    private final Map<String, Connector> byName;

    Connectors(List<Connector> connectors) {
        this.byName = connectors.stream().collect(Collectors.toUnmodifiableMap(Connector::name, Function.identity()));
    }

    public Optional<Connector> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Connector get(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("No connector " + name));
    }

    /** Those whose outside system is configured: only their deliveries are claimed. */
    List<Connector> ready() {
        return byName.values().stream().filter(Connector::ready).toList();
    }
}
