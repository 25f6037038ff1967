/**
 * The model and the extension point: {@link io.github.gonefilter.tombstone.Tombstone} (immutable, public by
 * design), {@link io.github.gonefilter.tombstone.PathPattern} (exact path, glob or regex), and
 * {@link io.github.gonefilter.tombstone.TombstoneRegistry}, the interface a storage backend implements
 * ({@link io.github.gonefilter.tombstone.WritableTombstoneRegistry} when the application can change it).
 */
package io.github.gonefilter.tombstone;
