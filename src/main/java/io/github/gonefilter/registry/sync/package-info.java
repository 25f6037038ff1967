/**
 * The machinery shared by registries whose tombstones live in a shared store: {@link
 * io.github.gonefilter.registry.sync.SyncingTombstoneRegistry} (in-memory snapshot, incremental sync, outage
 * handling, snapshot file, compact mode at scale) and the small {@link
 * io.github.gonefilter.registry.sync.TombstoneStore} interface a backend implements.
 */
package io.github.gonefilter.registry.sync;
