package io.github.gonefilter.support;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Map;

/** The {@link FilterConfig} a container hands a filter declared in {@code web.xml}, for tests without one. */
public final class FilterConfigs {

    private FilterConfigs() {
    }

    /** A filter named {@code gone} with {@code params}, in {@code context} (which may be {@code null}). */
    public static FilterConfig of(Map<String, String> params, ServletContext context) {
        FilterConfig config = mock(FilterConfig.class);
        when(config.getFilterName()).thenReturn("gone");
        when(config.getServletContext()).thenReturn(context);
        when(config.getInitParameterNames()).thenAnswer(invocation -> Collections.enumeration(params.keySet()));
        when(config.getInitParameter(anyString())).thenAnswer(invocation -> params.get(invocation.<String>getArgument(0)));
        return config;
    }
}
