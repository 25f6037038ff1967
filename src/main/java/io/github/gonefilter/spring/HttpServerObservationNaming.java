package io.github.gonefilter.spring;

import io.github.gonefilter.GoneEvent;
import io.github.gonefilter.GoneListener;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Gives the filter's own 410 and 451 answers a {@code uri} tag in Spring's {@code http.server.requests}
 * observation. That tag is the path pattern Spring MVC matched; a request the filter answers never reaches Spring
 * MVC, so without this it reads {@code UNKNOWN}, mixed with every other unmatched request. The tag becomes the
 * status's name, {@code GONE} or {@code UNAVAILABLE_FOR_LEGAL_REASONS}, as Spring itself says {@code NOT_FOUND}
 * and {@code REDIRECTION}: one value per status, never the path, so the number of time series stays bounded
 * whatever is requested. The 404 of a {@code not_found} erasure is left alone (Spring names it {@code NOT_FOUND}
 * like any other 404), and so is the 400 for an unreadable path.
 *
 * <p>The request is Spring's current request ({@link RequestContextHolder}, set by the request context filter at
 * order -105, before the gone filter); without it, or without an observation, this does nothing.
 */
final class HttpServerObservationNaming implements GoneListener {

    static final String GONE = "GONE";
    static final String UNAVAILABLE_FOR_LEGAL_REASONS = "UNAVAILABLE_FOR_LEGAL_REASONS";

    @Override
    public void onResponse(GoneEvent event) {
        String name = switch (event.status()) {
            case 410 -> GONE;
            case 451 -> UNAVAILABLE_FOR_LEGAL_REASONS;
            default -> null;
        };
        if (name == null) {
            return;
        }
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            HttpServletRequest request = servlet.getRequest();
            ServerHttpObservationFilter.findObservationContext(request)
                    .ifPresent(context -> context.setPathPattern(name));
        }
    }
}
