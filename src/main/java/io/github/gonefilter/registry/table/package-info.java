/**
 * Tombstones derived from the application's own soft-delete table:
 * {@link io.github.gonefilter.registry.table.SoftDeleteTableRegistry} maps path templates to queries, with
 * separately bounded caches for gone and not-gone answers (Caffeine, required by this package only), a rate
 * limit on queries for unknown ids, and a timeout on every database call.
 */
package io.github.gonefilter.registry.table;
