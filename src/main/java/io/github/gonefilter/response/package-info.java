/**
 * What a client receives: problem details or simple JSON, the HTML page
 * ({@link io.github.gonefilter.response.HtmlTemplate}), cache lifetimes and warning headers, all written by
 * {@link io.github.gonefilter.response.GoneResponseWriter} from
 * {@link io.github.gonefilter.response.ResponseSettings}.
 */
package io.github.gonefilter.response;
