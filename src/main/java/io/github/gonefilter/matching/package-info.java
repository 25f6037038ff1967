/**
 * How a request path is turned into one canonical form
 * ({@link io.github.gonefilter.matching.PathCanonicalizer}) and matched against many tombstones without
 * trying each ({@link io.github.gonefilter.matching.TombstoneIndex}). Registries that keep a snapshot in
 * memory build one index per snapshot.
 */
package io.github.gonefilter.matching;
