package io.github.gonefilter.examples.springboot;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Spring Security in front of the gone filter. Its filter chain runs at order -100, the gone filter at -90
 * (gone-filter.order): an unauthenticated request for a deleted draft gets Security's 401, an authenticated one
 * the filter's 410, which the filter marks {@code Cache-Control: private} because the request was authenticated.
 * CORS is part of the chain ({@code http.cors}), so preflights are answered and 410s carry CORS headers.
 *
 * <p>The Actuator endpoints but health need the role OPERATOR (HTTP Basic, the user of {@code spring.security.user.*}):
 * the tombstones endpoint can bury and restore. The API is stateless (HTTP Basic, no session, no cookies), so CSRF
 * protection, which guards cookie-based sessions, is off.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole("OPERATOR")
                        .requestMatchers("/api/drafts/**").authenticated()
                        .anyRequest().permitAll())
                .httpBasic(Customizer.withDefaults())
                .cors(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(
            @Value("${example.cors.allowed-origins:http://localhost:3000}") List<String> allowedOrigins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(allowedOrigins);
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "DELETE"));
        cors.addAllowedHeader("*");
        // Let scripts read where a gone resource moved and when a scheduled one goes away.
        cors.setExposedHeaders(List.of("Link", "Deprecation", "Sunset", "Location"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}
