/**
 * Purging the caches in front of the application when tombstones change, so that a burial or a restore takes
 * effect at the edge within seconds: the {@link io.github.gonefilter.purge.CachePurger} extension point, the
 * built-in {@link io.github.gonefilter.purge.VarnishPurger}, {@link io.github.gonefilter.purge.FastlyPurger} and
 * {@link io.github.gonefilter.purge.CloudflarePurger} (on {@code java.net.http}, no SDK), what a pattern covers in a
 * cache's terms ({@link io.github.gonefilter.purge.PurgeScope}) and the counters
 * ({@link io.github.gonefilter.purge.PurgeStatistics}). Configured through {@code GoneFilter.builder().purger(...)}
 * or the {@code purge} init-param; see {@code docs/03-caching.md}.
 */
package io.github.gonefilter.purge;
