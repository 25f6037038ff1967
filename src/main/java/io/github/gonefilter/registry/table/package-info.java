/**
 * Tombstones derived from the application's own soft-delete table:
 * {@link io.github.gonefilter.registry.table.SoftDeleteTableRegistry} maps path templates to queries, with a
 * bounded cache and strict timeouts.
 */
package io.github.gonefilter.registry.table;
