package io.certbridge.console;

import io.certbridge.api.ClientAddress;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may use the console, and how. Spring Security and Spring Session see /console and nothing else: their filters
 * are mapped to /console/* alone, and the one filter chain matches /console/** alone, so the API, the hooks, the
 * verification pages and the actuator keep their own authentication and are never given a session.
 */
@Configuration
class ConsoleSecurity {

    static final String SIGN_IN = "/console/sign-in";
    static final String SIGN_OUT = "/console/sign-out";
    static final String SIGN_IN_REFUSED = "/console/sign-in/refused";
    static final String SESSION_COOKIE = "certbridge_console";

    /** Argon2id with Spring Security's current parameters (16 MiB of memory, 2 iterations). */
    @Bean
    PasswordEncoder consolePasswordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    @Bean
    DaoAuthenticationProvider consoleAuthentication(ConsoleUsers users, PasswordEncoder passwords) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(email -> users.findByEmail(email)
                .map(ConsolePrincipal::of)
                .orElseThrow(() -> new UsernameNotFoundException("no such console user"))) {
            @Override
            protected Authentication createSuccessAuthentication(Object principal, Authentication authentication,
                                                                 UserDetails user) {
                return super.createSuccessAuthentication(((ConsolePrincipal) principal).signedIn(), authentication,
                        user);
            }
        };
        provider.setPasswordEncoder(passwords);
        return provider;
    }

    @Bean
    SecurityFilterChain consoleFilterChain(HttpSecurity http, DaoAuthenticationProvider consoleAuthentication,
                                           SignInThrottle throttle, ConsoleAudit audit, ClientAddress clientAddress,
                                           ConsoleSettings settings, ConsoleUsers users) throws Exception {
        if (settings.oidc().enabled()) {
            ConsoleSingleSignOn.configure(http, settings.oidc(), users, audit);
        }
        return http.securityMatcher("/console/**")
                .authenticationProvider(consoleAuthentication)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(SIGN_IN, SIGN_IN_REFUSED, SIGN_IN + "/oidc/**", "/console/assets/**").permitAll()
                        .requestMatchers("/console/keys/**", "/console/users/**").hasRole(ConsoleRole.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/console/webhooks/*/deliveries/**")
                        .hasRole(ConsoleRole.ISSUER.name())
                        .requestMatchers(HttpMethod.POST, "/console/webhooks/**").hasRole(ConsoleRole.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, SIGN_OUT).authenticated()
                        .requestMatchers(HttpMethod.POST, "/console/**").hasRole(ConsoleRole.ISSUER.name())
                        .anyRequest().hasRole(ConsoleRole.VIEWER.name()))
                .formLogin(form -> form.loginPage(SIGN_IN).usernameParameter("email").passwordParameter("password")
                        .successHandler(new SignedIn(throttle, audit))
                        .failureHandler((request, response, failure) -> signInFailed(request, response, failure,
                                throttle, audit, clientAddress)))
                .logout(logout -> logout.logoutUrl(SIGN_OUT)
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication != null
                                    && authentication.getPrincipal() instanceof ConsolePrincipal user) {
                                audit.record(request, user, 303, null);
                            }
                        })
                        .logoutSuccessUrl(SIGN_IN + "?signed-out")
                        .deleteCookies(SESSION_COOKIE))
                .addFilterBefore(new Throttled(throttle, clientAddress, audit),
                        UsernamePasswordAuthenticationFilter.class)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
                                + "form-action 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    private static void signInFailed(HttpServletRequest request, HttpServletResponse response,
                                     AuthenticationException failure, SignInThrottle throttle, ConsoleAudit audit,
                                     ClientAddress clientAddress) throws IOException {
        throttle.failed(request.getParameter("email"), clientAddress.of(request).getHostAddress());
        audit.record(request, null, 401, "sign_in_failed");
        response.sendRedirect(request.getContextPath() + SIGN_IN + "?failed");
    }

    /** Forgets the e-mail's failed attempts and records the sign-in. */
    private static final class SignedIn extends SavedRequestAwareAuthenticationSuccessHandler {

        private final SignInThrottle throttle;
        private final ConsoleAudit audit;

        SignedIn(SignInThrottle throttle, ConsoleAudit audit) {
            this.throttle = throttle;
            this.audit = audit;
            setDefaultTargetUrl("/console");
        }

        @Override
        public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                            Authentication authentication) throws ServletException, IOException {
            ConsolePrincipal user = (ConsolePrincipal) authentication.getPrincipal();
            throttle.succeeded(user.email());
            audit.record(request, user, 302, null);
            super.onAuthenticationSuccess(request, response, authentication);
        }
    }

    /**
     * Refuses a sign-in, before the password is checked, once its e-mail or address has failed too often: 429 and
     * the sign-in page saying so.
     */
    private static final class Throttled extends OncePerRequestFilter {

        private final SignInThrottle throttle;
        private final ClientAddress clientAddress;
        private final ConsoleAudit audit;

        Throttled(SignInThrottle throttle, ClientAddress clientAddress, ConsoleAudit audit) {
            this.throttle = throttle;
            this.clientAddress = clientAddress;
            this.audit = audit;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !("POST".equals(request.getMethod()) && SIGN_IN.equals(request.getServletPath()));
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (throttle.admits(request.getParameter("email"), clientAddress.of(request).getHostAddress())) {
                chain.doFilter(request, response);
                return;
            }
            audit.record(request, null, 429, "too_many_sign_in_attempts");
            request.getRequestDispatcher(SIGN_IN_REFUSED).forward(request, response);
        }
    }

    @Bean
    CookieSerializer consoleSessionCookie(ConsoleSettings settings) {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName(SESSION_COOKIE);
        cookie.setCookiePath("/console");
        cookie.setUseHttpOnlyCookie(true);
        cookie.setUseSecureCookie(settings.secureCookies());
        cookie.setSameSite("Lax");
        return cookie;
    }

    /** Maps Spring Security's and Spring Session's filters, which Spring Boot maps to every path, to /console. */
    @Bean
    static BeanPostProcessor consoleOnlyFilters() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration
                        && (name.equals("securityFilterChainRegistration")
                        || name.equals("sessionRepositoryFilterRegistration"))) {
                    registration.setUrlPatterns(List.of("/console/*"));
                }
                return bean;
            }
        };
    }
}
