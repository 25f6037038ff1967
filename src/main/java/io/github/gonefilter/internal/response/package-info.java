/**
 * Internal, not API: writing the filter's answers. {@link io.github.gonefilter.internal.response.GoneResponseWriter}
 * renders problem details, simple JSON, the HTML page, the plain 404 of erasures, the 400 for unreadable paths
 * and the warning headers of scheduled removals, from
 * {@link io.github.gonefilter.internal.response.ResponseSettings}. Depends on the model and the public response
 * settings, never on matching or registries.
 */
package io.github.gonefilter.internal.response;
