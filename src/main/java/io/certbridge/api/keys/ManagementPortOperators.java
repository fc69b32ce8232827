package io.certbridge.api.keys;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * On a management port of its own ({@code management.server.port}), which operators keep inside their network,
 * every caller is an operator and sees the health details, as a key with metrics:read does on the public port.
 */
@ManagementContextConfiguration(ManagementContextType.CHILD)
class ManagementPortOperators {

    @Bean
    FilterRegistrationBean<Filter> managementPortOperator() {
        Filter operator = (request, response, chain) -> chain.doFilter(
                new OperatorAuthentication.Operator((HttpServletRequest) request, "management-port"), response);
        return new FilterRegistrationBean<>(operator);
    }
}
