/**
 * Tombstones shared through a database table: {@link io.github.gonefilter.registry.jdbc.JdbcTombstoneRegistry}
 * for PostgreSQL (with {@code LISTEN/NOTIFY}) and H2. The DDL ships as the resources {@code postgresql.sql} and
 * {@code h2.sql} in this package. Only {@code java.sql}; no pool or driver is bundled.
 */
package io.github.gonefilter.registry.jdbc;
