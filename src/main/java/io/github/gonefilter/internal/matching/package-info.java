/**
 * Internal, not API: how a request path already in canonical form
 * ({@link io.github.gonefilter.path.PathCanonicalizer}) is matched against many tombstones without trying each
 * ({@link io.github.gonefilter.internal.matching.TombstoneIndex}), in time bounded by the path's length for
 * exact paths and globs. Registries that keep a snapshot in memory build one index per snapshot. Regular
 * expressions are the one kind whose cost the index cannot bound;
 * {@link io.github.gonefilter.internal.matching.RegexBacktracking} finds the shape that makes them backtrack.
 * Depends on the model and path canonicalization only.
 */
package io.github.gonefilter.internal.matching;
