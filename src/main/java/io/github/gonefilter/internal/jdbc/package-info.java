/**
 * Internal, not API: database calls with every wait bounded
 * ({@link io.github.gonefilter.internal.jdbc.BoundedConnections}), shared by the JDBC and soft-delete registries.
 */
package io.github.gonefilter.internal.jdbc;
