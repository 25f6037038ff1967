/**
 * What the shared registries have in common: {@link io.github.gonefilter.registry.sync.SyncingTombstoneRegistry}
 * (the base of the JDBC and Redis registries: their shared settings, syncing and outage behaviour) and the
 * exceptions they throw. The machinery behind it (the store interface a backend implements, complete and
 * incremental sync, compact mode, the snapshot file) is internal.
 */
package io.github.gonefilter.registry.sync;
