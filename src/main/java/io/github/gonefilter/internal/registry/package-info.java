/**
 * Internal, not API: what the library's registries share. The snapshot base that answers lookups from an
 * immutable in-memory index, listener bookkeeping ({@link io.github.gonefilter.internal.registry.RegistryEvents}),
 * the one JSON shape of a tombstone ({@link io.github.gonefilter.internal.registry.TombstoneJson}) and atomic file
 * replacement ({@link io.github.gonefilter.internal.registry.AtomicFiles}).
 */
package io.github.gonefilter.internal.registry;
