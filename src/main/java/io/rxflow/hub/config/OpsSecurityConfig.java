package io.rxflow.hub.config;

import ca.uhn.fhir.context.FhirContext;
import io.rxflow.hub.api.OpsCallers;
import io.rxflow.hub.ops.JolokiaRoleGuard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may open Hawtio and Jolokia: the operators of {@code rxflow.ops.users} with their roles. Spring
 * Security guards those paths only ({@code securityMatcher}); {@code /api} and {@code /fhir} keep the
 * API-key filter, and {@code /simulator} and {@code /actuator/health|prometheus} stay as they were.
 * Without configured users, embedded defaults generate an admin password into the data folder (like the
 * API key); the production profile refuses to start.
 */
@Configuration(proxyBeanMethods = false)
class OpsSecurityConfig {
    private static final Logger log = LoggerFactory.getLogger(OpsSecurityConfig.class);
    static final Set<String> ROLES = Set.of("admin", "ops_manager", "ops_agent");
    private static final String GENERATED_PASSWORD_FILE = "ops-admin-password";

    @Bean
    SecurityFilterChain opsConsoleSecurity(HttpSecurity http) throws Exception {
        // Path matchers, not MVC ones: Jolokia is a servlet of its own, which MVC matchers never match.
        http.securityMatcher(new OrRequestMatcher(
                        path("/actuator/hawtio/**"), path("/actuator/jolokia/**"), path("/login"), path("/logout")))
                .authorizeHttpRequests(a -> a.requestMatchers(path("/login"), path("/logout"))
                        .permitAll()
                        .anyRequest()
                        .hasAnyRole(ROLES.toArray(String[]::new)))
                .formLogin(f -> f.defaultSuccessUrl("/actuator/hawtio/", false))
                .httpBasic(Customizer.withDefaults())
                // Hawtio's front end sends the XSRF-TOKEN cookie back as X-XSRF-TOKEN.
                .csrf(c -> c.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
                // Read-only Jolokia for everyone but admin, once the caller is known.
                .addFilterAfter(
                        new JolokiaRoleGuard(List.of("/actuator/jolokia", "/actuator/hawtio/jolokia")),
                        AuthorizationFilter.class);
        return http.build();
    }

    /**
     * The ops API ({@code /api/v1/ops}): HTTP Basic with the same users, no session, no cookies (so no
     * CSRF); agents read and search, managers and admins also pause, resume and resend; only admins change
     * configuration (reload the pharmacy directory, set a hub logger's level).
     */
    @Bean
    SecurityFilterChain opsApiSecurity(HttpSecurity http, FhirContext fhir) throws Exception {
        var pathPatterns = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(path(OpsCallers.PATH + "/**"))
                .authorizeHttpRequests(
                        a -> a.requestMatchers(pathPatterns.matcher(HttpMethod.GET, OpsCallers.PATH + "/**"))
                                .hasAnyRole(ROLES.toArray(String[]::new))
                                // Configuration is the admins'.
                                .requestMatchers(
                                        pathPatterns.matcher(OpsCallers.PATH + "/pharmacies/reload"),
                                        pathPatterns.matcher(OpsCallers.PATH + "/log-levels/**"))
                                .hasRole("admin")
                                .anyRequest()
                                .hasAnyRole("admin", "ops_manager"))
                .httpBasic(b -> b.authenticationEntryPoint(OpsCallers.unauthenticated(fhir)))
                .exceptionHandling(e -> e.authenticationEntryPoint(OpsCallers.unauthenticated(fhir))
                        .accessDeniedHandler(OpsCallers.forbidden(fhir)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .addFilterAfter(OpsCallers.actor(), AuthorizationFilter.class);
        return http.build();
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    @Bean
    PasswordEncoder opsPasswordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    InMemoryUserDetailsManager opsUsers(OpsProperties ops, DataFolder dataFolder, Environment env) {
        List<UserDetails> users = new ArrayList<>();
        var bcrypt = new BCryptPasswordEncoder();
        for (OpsProperties.User u : ops.users()) {
            if (u.password() == null || u.password().isBlank()) {
                continue;
            }
            for (String role : u.roles()) {
                if (!ROLES.contains(role)) {
                    throw new IllegalStateException("Ops user " + u.name() + " has unknown role " + role
                            + " (roles: admin, ops_manager, ops_agent)");
                }
            }
            String hash = u.password().startsWith("{") ? u.password() : "{bcrypt}" + bcrypt.encode(u.password());
            users.add(User.withUsername(u.name())
                    .password(hash)
                    .roles(u.roles().toArray(String[]::new))
                    .build());
        }
        if (users.isEmpty()) {
            users.add(generatedAdmin(dataFolder, env, bcrypt));
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static UserDetails generatedAdmin(DataFolder dataFolder, Environment env, BCryptPasswordEncoder bcrypt) {
        if (Arrays.asList(env.getActiveProfiles()).contains("production")) {
            throw new IllegalStateException("The production profile needs at least one Hawtio/Jolokia user: set"
                    + " RXFLOW_OPS_ADMIN_PASSWORD (or RXFLOW_OPS_MANAGER_PASSWORD / RXFLOW_OPS_AGENT_PASSWORD)");
        }
        String password = dataFolder.readSecret(GENERATED_PASSWORD_FILE).orElse(null);
        if (password == null) {
            password = dataFolder.createSecret(GENERATED_PASSWORD_FILE);
            log.warn(
                    "No ops users configured: Hawtio user 'admin' gets a generated password (kept in {})",
                    dataFolder.resolve(GENERATED_PASSWORD_FILE));
        }
        return User.withUsername("admin")
                .password("{bcrypt}" + bcrypt.encode(password))
                .roles("admin")
                .build();
    }
}
