package io.github.gonefilter.examples.springboot;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.gonefilter.registry.file.FileTombstoneRegistry;
import io.github.gonefilter.registry.jdbc.JdbcTombstoneRegistry;
import io.github.gonefilter.tombstone.WritableTombstoneRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Profile {@code postgres}: the tombstones live in PostgreSQL, shared by every copy of the application that
 * uses the same database. Start two copies on two ports and they behave as one site: an article deleted
 * through one answers 410 on the other within about a second (LISTEN/NOTIFY), and a restore likewise.
 *
 * <p>The connection comes from the standard {@code spring.datasource.url}, {@code username} and
 * {@code password} properties (see {@code application-postgres.properties}). This example builds a small
 * HikariCP pool itself so that the default profile needs no database; an application that already has a
 * {@code DataSource} bean (spring-boot-starter-jdbc) would simply inject it here. The tables are created on
 * start if missing ({@code createSchema}); with Flyway or Liquibase, ship
 * {@code io/github/gonefilter/registry/jdbc/postgresql.sql} as a migration instead and leave it off.
 */
@Configuration(proxyBeanMethods = false)
@Profile("postgres")
class PostgresTombstoneConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PostgresTombstoneConfiguration.class);

    @Bean(destroyMethod = "close")
    HikariDataSource tombstoneDataSource(
            @Value("${spring.datasource.url}") String url,
            @Value("${spring.datasource.username:}") String username,
            @Value("${spring.datasource.password:}") String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setPoolName("gone-filter");
        // One connection stays in LISTEN; the others serve bury/restore and the incremental sync.
        config.setMaximumPoolSize(4);
        // Start even when the database is down: the registry answers from its snapshot file meanwhile.
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(3000);
        return new HikariDataSource(config);
    }

    /**
     * Replaces the file registry of {@link GoneFilterConfiguration} in this profile. Spring closes it on
     * shutdown (inferred {@code close()}), which stops its sync and LISTEN threads.
     */
    @Bean
    WritableTombstoneRegistry tombstoneRegistry(
            HikariDataSource tombstoneDataSource,
            Clock clock,
            @Value("${example.tombstones.table:gone_filter_tombstone}") String table,
            @Value("${example.tombstones.create-schema:true}") boolean createSchema,
            @Value("${example.tombstones.sync-interval:PT2S}") Duration syncInterval,
            @Value("${example.tombstones.snapshot-file:}") String snapshotFile,
            @Value("${example.tombstones.seed:classpath:tombstones.json}") String seed) {
        JdbcTombstoneRegistry.Builder builder = JdbcTombstoneRegistry.builder(tombstoneDataSource)
                .table(table)
                .createSchema(createSchema)
                .syncInterval(syncInterval)
                .clock(clock);
        if (!snapshotFile.isBlank()) {
            builder.snapshotFile(Path.of(snapshotFile));
        }
        JdbcTombstoneRegistry registry = builder.build();
        if (registry.size() == 0 && !registry.outage() && !seed.isBlank()) {
            // A new database starts with the shipped tombstones, as the file registry does. Two copies starting
            // at once both write them: bury replaces by key, so that is harmless.
            try (FileTombstoneRegistry shipped = FileTombstoneRegistry.builder(seed).reloadInterval(Duration.ZERO).build()) {
                shipped.list().forEach(registry::bury);
            }
            log.info("Tombstones: seeded {} from {}", registry.size(), seed);
        }
        log.info("Tombstones: PostgreSQL {} ({} loaded, synced every {} and on NOTIFY)",
                tombstoneDataSource.getJdbcUrl(), registry.size(), syncInterval);
        return registry;
    }
}
