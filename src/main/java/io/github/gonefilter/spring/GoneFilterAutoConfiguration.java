package io.github.gonefilter.spring;

import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.GoneListener;
import io.github.gonefilter.purge.CachePurger;
import io.github.gonefilter.registry.file.FileTombstoneRegistry;
import io.github.gonefilter.registry.jdbc.JdbcTombstoneRegistry;
import io.github.gonefilter.registry.redis.RedisTombstoneRegistry;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Import;

/**
 * Registers {@link GoneFilter} in a Spring Boot servlet application from the {@code gone-filter.*} properties
 * ({@link GoneFilterProperties}).
 *
 * <p>The registry: an application's own {@link TombstoneRegistry} bean always wins. Otherwise
 * {@code gone-filter.tombstones} gives a {@link FileTombstoneRegistry}, {@code gone-filter.store=jdbc} a
 * {@link JdbcTombstoneRegistry} over the application's {@link DataSource}, and {@code gone-filter.store=redis} a
 * {@link RedisTombstoneRegistry} from {@code spring.data.redis.*} (with Jedis). Each is a bean, writable, that
 * Spring closes on shutdown; the filter only uses it. With no source at all nothing is registered and one INFO
 * line says how to start: gone-filter switches itself on only when told what is gone.
 *
 * <p>The filter: a {@link FilterRegistrationBean} named {@value #FILTER_NAME} (declare a bean of that name to
 * register it yourself), mapped to {@code gone-filter.url-patterns} for {@code gone-filter.dispatcher-types} at
 * {@code gone-filter.order}, with every {@link GoneListener} bean and every {@link GoneFilterBuilderCustomizer}.
 * It purges the Varnish endpoints of {@code gone-filter.purge.endpoints} and every {@link CachePurger} bean on each
 * change of the tombstones. With {@code gone-filter.monitor.enabled=true}, a {@link io.github.gonefilter.monitor.NotFoundMonitor}
 * bean counts the application's 404s.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(GoneFilter.class)
@ConditionalOnGoneFilterEnabled
@EnableConfigurationProperties(GoneFilterProperties.class)
@Import({
        GoneFilterConfigurations.FileRegistry.class,
        GoneFilterConfigurations.JdbcRegistry.class,
        GoneFilterConfigurations.RedisRegistry.class,
        GoneFilterConfigurations.RedisWithoutJedis.class,
        GoneFilterConfigurations.NoSource.class,
        GoneFilterConfigurations.Monitor.class,
        GoneFilterConfigurations.FilterRegistration.class})
public class GoneFilterAutoConfiguration {

    /** The name of the filter and of its registration bean. */
    public static final String FILTER_NAME = "goneFilter";
}
