/**
 * How the filter's answers look, as configured: the JSON body format
 * ({@link io.github.gonefilter.response.ResponseFormat}), the HTML page for browsers
 * ({@link io.github.gonefilter.response.HtmlTemplate}) and who may cache answers to authenticated requests
 * ({@link io.github.gonefilter.response.CacheScope}). The writing itself is internal.
 */
package io.github.gonefilter.response;
