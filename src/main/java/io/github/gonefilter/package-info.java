/**
 * The filter and its hooks: {@link io.github.gonefilter.GoneFilter} (built with
 * {@link io.github.gonefilter.GoneFilter#builder()} or declared in {@code web.xml}) and
 * {@link io.github.gonefilter.GoneListener}, called for every response the filter produces.
 *
 * <p>Other packages: {@code tombstone} (the model and the registry SPI), {@code matching} (canonical paths and
 * the lookup index), {@code response} (rendering), {@code registry} (implementations).
 */
package io.github.gonefilter;
