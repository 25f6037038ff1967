/**
 * Registry implementations. {@link io.github.gonefilter.registry.SnapshotTombstoneRegistry} is the base for
 * registries that serve lookups from an immutable in-memory snapshot;
 * {@link io.github.gonefilter.registry.InMemoryTombstoneRegistry} is the simplest;
 * {@link io.github.gonefilter.registry.TombstoneJson} is the one JSON shape of a tombstone that file and
 * shared storage use. Sub-packages hold the file-backed and shared (cluster) registries.
 */
package io.github.gonefilter.registry;
