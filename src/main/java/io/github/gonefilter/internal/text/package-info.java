/**
 * Internal, not API: how instants, durations and booleans are spelled in init-params, tombstone files and
 * stored tombstones ({@link io.github.gonefilter.internal.text.TextValues}). Depends on nothing but the JDK.
 */
package io.github.gonefilter.internal.text;
