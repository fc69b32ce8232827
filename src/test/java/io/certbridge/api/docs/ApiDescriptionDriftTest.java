package io.certbridge.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.api.RequiresScope;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.openapi.OpenApiDescription;
import io.certbridge.support.openapi.OpenApiDescription.Operation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The description and the hub's request mappings cannot drift apart: an endpoint of the public API added without a
 * description, a described path that no longer exists, or a scope that differs from the one the handler requires
 * fails the build.
 */
class ApiDescriptionDriftTest extends HubTestBase {

    /** Where the public API lives; the console, /error and the actuator are not part of it. */
    private static final List<String> PUBLIC_PREFIXES = List.of("/v1/", "/verify/", "/credentials/", "/status/",
            "/hooks/", "/.well-known/", "/did.json", "/sandbox/did.json", "/oid4vci/");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void everyPublicRequestMappingIsDescribedAndEveryDescribedOperationIsMapped() {
        OpenApiDescription description = new OpenApiDescription(api().getBytes("/v1/openapi.json").body());
        Set<String> mapped = names(mapped().keySet());
        Set<String> described = names(description.operations());

        Set<String> undescribed = new TreeSet<>(mapped);
        undescribed.removeAll(described);
        Set<String> unmapped = new TreeSet<>(described);
        unmapped.removeAll(mapped);
        assertThat(undescribed).as("request mappings missing from src/main/resources/openapi/openapi.yaml").isEmpty();
        assertThat(unmapped).as("described operations that no request mapping serves").isEmpty();
        assertThat(mapped).as("the mappings this test sees").contains("POST /v1/certificates", "GET /verify/{id}");
    }

    @Test
    void eachOperationNamesTheScopeItsHandlerRequires() {
        OpenApiDescription description = new OpenApiDescription(api().getBytes("/v1/openapi.json").body());
        Map<String, String> differing = new HashMap<>();
        mapped().forEach((operation, handler) -> {
            RequiresScope required = handler.getMethodAnnotation(RequiresScope.class);
            String needed = required == null ? "" : required.value().value();
            var node = description.operationNode(operation);
            String described = node.path("x-required-scope").asText("");
            if (!needed.equals(described) || !needed.isEmpty()
                    && !node.path("security").path(0).path("bearerKey").path(0).asText().equals(needed)) {
                differing.put(operation.toString(), "handler needs '" + needed + "', description says '" + described
                        + "' and security " + node.path("security"));
            }
        });
        assertThat(differing).isEmpty();
    }

    private Map<Operation, HandlerMethod> mapped() {
        Map<Operation, HandlerMethod> mapped = new HashMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            for (String pattern : info.getPatternValues()) {
                if (PUBLIC_PREFIXES.stream().noneMatch(pattern::startsWith)) {
                    continue;
                }
                String path = pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
                var methods = info.getMethodsCondition().getMethods();
                if (methods.isEmpty()) {
                    mapped.put(new Operation("ANY", path), entry.getValue());
                }
                methods.forEach(method -> mapped.put(new Operation(method.name(), path), entry.getValue()));
            }
        }
        return mapped;
    }

    private static Set<String> names(Set<Operation> operations) {
        Set<String> names = new TreeSet<>();
        operations.forEach(operation -> names.add(operation.toString()));
        return names;
    }
}
