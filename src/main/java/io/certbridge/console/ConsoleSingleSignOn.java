package io.certbridge.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Signing in to the console through an OpenID Connect provider (authorization code flow), when
 * certbridge.console.oidc.issuer-uri is set. The provider says who someone is; the console says whether they are a
 * user and with which role: an e-mail the provider has verified must belong to an enabled console user. Once signed
 * in, the session holds the same {@link ConsolePrincipal} as after a password, so every page treats both alike.
 */
final class ConsoleSingleSignOn {

    static final String REGISTRATION = "oidc";
    /** Where the sign-in page's button leads: {@code /console/sign-in/oidc/oidc} starts the flow. */
    static final String AUTHORIZATION_BASE = "/console/sign-in/oidc";
    static final String START = AUTHORIZATION_BASE + "/" + REGISTRATION;
    private static final String CALLBACK = "/console/sign-in/oidc/code/*";

    /** A console user as the provider vouched for them. */
    private static final class ConsoleOidcUser extends DefaultOidcUser {

        private final ConsolePrincipal user;

        ConsoleOidcUser(OidcUser provided, ConsolePrincipal user) {
            super(user.getAuthorities(), provided.getIdToken(), provided.getUserInfo());
            this.user = user;
        }
    }

    private ConsoleSingleSignOn() {
    }

    static void configure(HttpSecurity http, ConsoleSettings.Oidc settings, ConsoleUsers users, ConsoleAudit audit)
            throws Exception {
        ClientRegistration registration = ClientRegistrations.fromIssuerLocation(settings.issuerUri())
                .registrationId(REGISTRATION)
                .clientId(settings.clientId())
                .clientSecret(settings.clientSecret())
                .scope("openid", "email")
                .redirectUri("{baseUrl}/console/sign-in/oidc/code/{registrationId}")
                .build();
        SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
        http.oauth2Login(login -> login
                .clientRegistrationRepository(new InMemoryClientRegistrationRepository(registration))
                .loginPage(ConsoleSecurity.SIGN_IN)
                .authorizationEndpoint(endpoint -> endpoint.baseUri(AUTHORIZATION_BASE))
                .redirectionEndpoint(endpoint -> endpoint.baseUri(CALLBACK))
                .userInfoEndpoint(info -> info.oidcUserService(request -> consoleUser(request, users)))
                .successHandler((request, response, authentication) -> signedIn(request, response, authentication,
                        sessions, audit))
                .failureHandler((request, response, failure) -> {
                    audit.record(request, null, 401, "sign_in_failed");
                    response.sendRedirect(request.getContextPath() + ConsoleSecurity.SIGN_IN + "?failed");
                }));
    }

    private static OidcUser consoleUser(OidcUserRequest request, ConsoleUsers users) {
        OidcUser provided = new OidcUserService().loadUser(request);
        String email = provided.getEmail();
        if (email == null || !Boolean.TRUE.equals(provided.getEmailVerified())) {
            throw refused("The provider vouched for no e-mail address");
        }
        return users.findByEmail(email).filter(ConsoleUsers.ConsoleUser::enabled)
                .map(user -> new ConsoleOidcUser(provided, ConsolePrincipal.of(user).signedIn()))
                .orElseThrow(() -> refused("No enabled console user has this e-mail"));
    }

    private static OAuth2AuthenticationException refused(String why) {
        return new OAuth2AuthenticationException(new OAuth2Error("not_a_console_user", why, null));
    }

    /** Keeps the console user, not the provider's token, in the session, and records the sign-in. */
    private static void signedIn(HttpServletRequest request, HttpServletResponse response,
                                 Authentication authentication, SecurityContextRepository sessions,
                                 ConsoleAudit audit) throws IOException {
        ConsolePrincipal user = ((ConsoleOidcUser) authentication.getPrincipal()).user;
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
        audit.record(request, user, 302, null);
        response.sendRedirect(request.getContextPath() + "/console");
    }

    /** What the sign-in page shows of single sign-on. */
    static Map<String, Object> signInModel(ConsoleSettings.Oidc settings) {
        return settings.enabled() ? Map.of("ssoLabel", settings.label(), "ssoStart", START) : Map.of();
    }
}
