/**
 * The registries that ship with the library. {@link io.github.gonefilter.registry.InMemoryTombstoneRegistry} is
 * the simplest; sub-packages hold the file-backed ({@code file}), shared ({@code jdbc}, {@code redis}, with the
 * settings they share in {@code sync}) and soft-delete table ({@code table}) registries.
 */
package io.github.gonefilter.registry;
