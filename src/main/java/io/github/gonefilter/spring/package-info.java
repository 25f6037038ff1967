/**
 * Spring Boot support: {@link io.github.gonefilter.spring.GoneFilterAutoConfiguration} registers the filter and
 * its registry from the {@code gone-filter.*} properties ({@link io.github.gonefilter.spring.GoneFilterProperties}).
 * Loaded only by Spring Boot's auto-configuration, never by a {@code web.xml} application. Actuator's endpoint,
 * health and Micrometer meters are in {@link io.github.gonefilter.spring.actuate}.
 */
package io.github.gonefilter.spring;
