/**
 * Tombstones from a JSON or CSV file that is reloaded when it changes:
 * {@link io.github.gonefilter.registry.file.FileTombstoneRegistry}.
 */
package io.github.gonefilter.registry.file;
