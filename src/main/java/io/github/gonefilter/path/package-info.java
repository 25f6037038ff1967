/**
 * The bottom of the library: how every spelling of a request path becomes one canonical form
 * ({@link io.github.gonefilter.path.PathCanonicalizer}), the only form tombstones are matched against, and how
 * case is folded for case-insensitive matching. Depends on nothing but the JDK.
 */
package io.github.gonefilter.path;
