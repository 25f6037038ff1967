/**
 * Actuator and Micrometer for gone-filter in Spring Boot: the {@code tombstones} endpoint, the {@code tombstones}
 * health contributor and the {@code gone.filter.*} meters, each auto-configured only when its library is present.
 */
package io.github.gonefilter.spring.actuate;
