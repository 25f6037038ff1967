/**
 * Internal, not API: the one small cache the request path uses ({@link io.github.gonefilter.internal.cache.SlotCache}).
 * Depends on nothing but the JDK.
 */
package io.github.gonefilter.internal.cache;
