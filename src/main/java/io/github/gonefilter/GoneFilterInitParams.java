package io.github.gonefilter;

import io.github.gonefilter.internal.text.TextValues;
import io.github.gonefilter.monitor.NotFoundMonitor;
import io.github.gonefilter.purge.VarnishPurger;
import io.github.gonefilter.registry.file.TombstoneFileException;
import io.github.gonefilter.response.CacheScope;
import io.github.gonefilter.response.HtmlTemplate;
import io.github.gonefilter.response.ResponseFormat;
import io.github.gonefilter.tombstone.TombstoneMode;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns {@code web.xml} init-params into the same public {@link GoneFilter.Builder} calls a Java user would make;
 * every error names the init-param.
 */
final class GoneFilterInitParams {

    static final List<String> KNOWN = List.of(GoneFilter.PARAM_TOMBSTONES, GoneFilter.PARAM_REGISTRY,
            GoneFilter.PARAM_FORMAT, GoneFilter.PARAM_HTML, GoneFilter.PARAM_HTML_TEMPLATE, GoneFilter.PARAM_HTML_ERROR_PAGE,
            GoneFilter.PARAM_HTML_LANG, GoneFilter.PARAM_PROBLEM_TYPE, GoneFilter.PARAM_BLOCKED_BY,
            GoneFilter.PARAM_DEFAULT_MAX_AGE, GoneFilter.PARAM_RESTORABLE_MAX_AGE,
            GoneFilter.PARAM_AUTHENTICATED_RESPONSES, GoneFilter.PARAM_METHODS, GoneFilter.PARAM_CASE_SENSITIVE,
            GoneFilter.PARAM_RELOAD_INTERVAL, GoneFilter.PARAM_ANNOUNCE_SCHEDULED, GoneFilter.PARAM_DISPATCHER_TYPES,
            GoneFilter.PARAM_LISTENERS, GoneFilter.PARAM_PURGE, GoneFilter.PARAM_PURGE_HOSTS,
            GoneFilter.PARAM_SURROGATE_KEYS, GoneFilter.PARAM_PURGE_REPEAT_AFTER, GoneFilter.PARAM_PURGE_SYNCED_CHANGES,
            GoneFilter.PARAM_MODE, GoneFilter.PARAM_AUTO_RESTORE, GoneFilter.PARAM_MONITOR, GoneFilter.PARAM_MONITOR_MAX_ENTRIES,
            GoneFilter.PARAM_MONITOR_RETENTION, GoneFilter.PARAM_MONITOR_EXCLUDE, GoneFilter.PARAM_MONITOR_IGNORE_QUERY,
            GoneFilter.PARAM_MONITOR_REFERRERS, GoneFilter.PARAM_MONITOR_USER_AGENTS);

    /** The init-params that configure the monitor, in {@link #KNOWN}'s order. */
    private static final List<String> MONITOR_PARAMS = KNOWN.subList(KNOWN.indexOf(GoneFilter.PARAM_MONITOR) + 1,
            KNOWN.size());

    private GoneFilterInitParams() {
    }

    /**
     * The filter {@code config}'s init-params describe, with its tombstone file loaded.
     *
     * @throws ServletException naming the init-param that is unknown, missing or invalid, or the file and position
     *                          of a broken tombstone file
     */
    static GoneFilter filter(FilterConfig config) throws ServletException {
        GoneFilter.Builder builder = parse(config);
        try {
            return builder.build();
        } catch (TombstoneFileException e) {
            throw new ServletException("GoneFilter init-param '" + GoneFilter.PARAM_TOMBSTONES + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ServletException("GoneFilter configuration: " + e.getMessage(), e);
        }
    }

    private static GoneFilter.Builder parse(FilterConfig config) throws ServletException {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : Collections.list(config.getInitParameterNames())) {
            params.put(name, config.getInitParameter(name).trim());
        }
        ServletContext context = config.getServletContext();
        ClassLoader loader = context != null && context.getClassLoader() != null
                ? context.getClassLoader() : Thread.currentThread().getContextClassLoader();
        GoneFilter.Builder b = GoneFilter.builder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            try {
                apply(b, name, value, params, context, loader);
            } catch (ServletException ex) {
                throw ex;
            } catch (RuntimeException ex) {
                throw new ServletException("GoneFilter init-param '" + name + "' = '" + value + "': " + ex.getMessage(), ex);
            }
        }
        if (!params.containsKey(GoneFilter.PARAM_TOMBSTONES) && !params.containsKey(GoneFilter.PARAM_REGISTRY)) {
            throw new ServletException("GoneFilter needs init-param '" + GoneFilter.PARAM_TOMBSTONES
                    + "' (a tombstone file such as /WEB-INF/tombstones.json) or '" + GoneFilter.PARAM_REGISTRY
                    + "' (a TombstoneRegistry class)");
        }
        return b;
    }

    private static void apply(GoneFilter.Builder b, String name, String value, Map<String, String> params,
            ServletContext context, ClassLoader loader) throws ServletException {
        if (name.startsWith(GoneFilter.PARAM_REGISTRY_PREFIX)) {
            return; // handed to the registry class
        }
        if (name.startsWith(GoneFilter.PARAM_MAX_AGE_PREFIX)) {
            String reason = name.substring(GoneFilter.PARAM_MAX_AGE_PREFIX.length());
            b.maxAge(reason, TextValues.duration(name, value));
            return;
        }
        switch (name) {
            case GoneFilter.PARAM_TOMBSTONES -> b.tombstones(resolveLocation(value, context));
            case GoneFilter.PARAM_REGISTRY -> b.ownedRegistry(newRegistry(value, params, loader));
            case GoneFilter.PARAM_FORMAT -> b.format(ResponseFormat.fromCode(value));
            case GoneFilter.PARAM_HTML -> b.html(TextValues.bool(name, value));
            case GoneFilter.PARAM_HTML_TEMPLATE -> b.htmlTemplate(HtmlTemplate.parse(readText(value, context, loader)));
            case GoneFilter.PARAM_HTML_ERROR_PAGE -> b.htmlErrorPage(value);
            case GoneFilter.PARAM_HTML_LANG -> b.htmlLang(value);
            case GoneFilter.PARAM_PROBLEM_TYPE -> b.problemType(uri(value));
            case GoneFilter.PARAM_BLOCKED_BY -> b.blockedBy(uri(value));
            case GoneFilter.PARAM_DEFAULT_MAX_AGE -> b.defaultMaxAge(TextValues.duration(name, value));
            case GoneFilter.PARAM_RESTORABLE_MAX_AGE -> b.restorableMaxAge(TextValues.duration(name, value));
            case GoneFilter.PARAM_AUTHENTICATED_RESPONSES -> b.authenticatedResponses(CacheScope.fromCode(value));
            case GoneFilter.PARAM_METHODS -> b.methods(value.split("\\s*,\\s*"));
            case GoneFilter.PARAM_CASE_SENSITIVE -> b.caseSensitive(TextValues.bool(name, value));
            case GoneFilter.PARAM_RELOAD_INTERVAL -> b.reloadInterval(TextValues.duration(name, value));
            case GoneFilter.PARAM_ANNOUNCE_SCHEDULED -> b.announceScheduled(TextValues.bool(name, value));
            case GoneFilter.PARAM_DISPATCHER_TYPES -> b.dispatcherTypes(dispatcherTypes(value));
            case GoneFilter.PARAM_LISTENERS -> {
                for (String className : value.split("\\s*,\\s*")) {
                    if (!className.isEmpty()) {
                        b.listener(instantiate(className, GoneListener.class, loader, null));
                    }
                }
            }
            case GoneFilter.PARAM_PURGE -> {
                String hosts = params.get(GoneFilter.PARAM_PURGE_HOSTS);
                for (String endpoint : value.split("\\s*,\\s*")) {
                    VarnishPurger.Builder varnish = VarnishPurger.builder(endpoint);
                    if (hosts != null) {
                        try {
                            varnish.hosts(hosts.split("\\s*,\\s*"));
                        } catch (IllegalArgumentException e) {
                            throw new ServletException("GoneFilter init-param '" + GoneFilter.PARAM_PURGE_HOSTS
                                    + "' = '" + hosts + "': " + e.getMessage(), e);
                        }
                    }
                    b.purger(varnish.build());
                }
            }
            case GoneFilter.PARAM_PURGE_HOSTS -> {
                if (!params.containsKey(GoneFilter.PARAM_PURGE)) {
                    throw new IllegalArgumentException("names the hosts to purge for, and needs init-param '"
                            + GoneFilter.PARAM_PURGE + "' (the Varnish endpoints)");
                }
            }
            case GoneFilter.PARAM_SURROGATE_KEYS -> b.surrogateKeys(TextValues.bool(name, value));
            case GoneFilter.PARAM_PURGE_REPEAT_AFTER -> b.purgeRepeatAfter(TextValues.duration(name, value));
            case GoneFilter.PARAM_PURGE_SYNCED_CHANGES -> b.purgeSyncedChanges(TextValues.bool(name, value));
            case GoneFilter.PARAM_MODE -> b.mode(TombstoneMode.fromCode(value));
            case GoneFilter.PARAM_AUTO_RESTORE -> b.autoRestore(TextValues.bool(name, value));
            case GoneFilter.PARAM_MONITOR -> {
                if (TextValues.bool(name, value)) {
                    b.monitor(monitor(params));
                }
            }
            case GoneFilter.PARAM_MONITOR_MAX_ENTRIES, GoneFilter.PARAM_MONITOR_RETENTION,
                    GoneFilter.PARAM_MONITOR_EXCLUDE, GoneFilter.PARAM_MONITOR_IGNORE_QUERY,
                    GoneFilter.PARAM_MONITOR_REFERRERS, GoneFilter.PARAM_MONITOR_USER_AGENTS -> {
                if (!params.containsKey(GoneFilter.PARAM_MONITOR)) {
                    throw new IllegalArgumentException("configures the 404 monitor, and needs init-param '"
                            + GoneFilter.PARAM_MONITOR + "' = 'true'");
                }
            }
            default -> throw new IllegalArgumentException("unknown init-param; known are " + KNOWN + ", "
                    + GoneFilter.PARAM_MAX_AGE_PREFIX + "<reason> and " + GoneFilter.PARAM_REGISTRY_PREFIX + "<name>");
        }
    }

    /** The monitor the {@code monitor.*} init-params describe; each error names its init-param. */
    private static NotFoundMonitor monitor(Map<String, String> params) throws ServletException {
        NotFoundMonitor.Builder m = NotFoundMonitor.builder();
        for (String name : MONITOR_PARAMS) {
            String value = params.get(name);
            if (value == null) {
                continue;
            }
            try {
                switch (name) {
                    case GoneFilter.PARAM_MONITOR_MAX_ENTRIES -> m.maxEntries(integer(value));
                    case GoneFilter.PARAM_MONITOR_RETENTION -> m.retention(TextValues.duration(name, value));
                    case GoneFilter.PARAM_MONITOR_EXCLUDE -> m.exclude(value.isEmpty() ? new String[0]
                            : value.split("\\s*,\\s*"));
                    case GoneFilter.PARAM_MONITOR_IGNORE_QUERY -> m.ignoreQuery(TextValues.bool(name, value));
                    case GoneFilter.PARAM_MONITOR_REFERRERS -> m.referrers(TextValues.bool(name, value));
                    default -> m.userAgents(TextValues.bool(name, value));
                }
            } catch (RuntimeException e) {
                throw new ServletException("GoneFilter init-param '" + name + "' = '" + value + "': " + e.getMessage(), e);
            }
        }
        try {
            return m.build();
        } catch (RuntimeException e) {
            throw new ServletException("GoneFilter init-param '" + GoneFilter.PARAM_MONITOR_EXCLUDE + "': "
                    + e.getMessage(), e);
        }
    }

    private static int integer(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number", e);
        }
    }

    /**
     * A filesystem path, {@code file:} URL or {@code classpath:} resource as is; otherwise, if no such file
     * exists, a path inside the web application (e.g. {@code /WEB-INF/tombstones.json}).
     */
    static String resolveLocation(String location, ServletContext context) {
        if (location.startsWith("classpath:") || location.startsWith("file:") || context == null
                || Files.exists(Path.of(location))) {
            return location;
        }
        String real = context.getRealPath(location);
        if (real != null && Files.exists(Path.of(real))) {
            return real;
        }
        try {
            URL resource = context.getResource(location.startsWith("/") ? location : "/" + location);
            if (resource != null) {
                return resource.toString(); // a file: URL stays reloadable; others (an unexpanded WAR) are read-only
            }
        } catch (java.net.MalformedURLException e) {
            // fall through: the registry reports the location as not found
        }
        return location;
    }

    private static String readText(String location, ServletContext context, ClassLoader loader) {
        try {
            if (location.startsWith("classpath:")) {
                String resource = location.substring("classpath:".length()).replaceFirst("^/+", "");
                try (InputStream in = loader.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalArgumentException("no such resource on the classpath");
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            String resolved = resolveLocation(location, context);
            Path path = resolved.startsWith("file:") ? Path.of(URI.create(resolved)) : Path.of(resolved);
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + location + ": " + e, e);
        }
    }

    /** Instantiates the registry class, handing it the {@code registry.*} init-params without the prefix. */
    private static TombstoneRegistry newRegistry(String className, Map<String, String> params, ClassLoader loader) {
        Map<String, String> own = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith(GoneFilter.PARAM_REGISTRY_PREFIX)) {
                own.put(name.substring(GoneFilter.PARAM_REGISTRY_PREFIX.length()), value);
            }
        });
        return instantiate(className, TombstoneRegistry.class, loader, Collections.unmodifiableMap(own));
    }

    private static <T> T instantiate(String className, Class<T> type, ClassLoader loader, Map<String, String> params) {
        Class<?> c;
        try {
            c = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("class " + className + " not found", e);
        }
        if (!type.isAssignableFrom(c)) {
            throw new IllegalArgumentException(className + " does not implement " + type.getName());
        }
        try {
            if (params != null) {
                try {
                    Constructor<?> withParams = c.getConstructor(Map.class);
                    return type.cast(withParams.newInstance(params));
                } catch (NoSuchMethodException e) {
                    // fall back to the no-argument constructor
                }
            }
            return type.cast(c.getConstructor().newInstance());
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(className + " needs a public constructor taking "
                    + (params != null ? "Map<String,String> or " : "") + "no arguments", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("constructing " + className + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot construct " + className + ": " + e, e);
        }
    }

    private static URI uri(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be a URI: " + e.getReason(), e);
        }
    }

    private static DispatcherType[] dispatcherTypes(String value) {
        String[] names = value.split("\\s*,\\s*");
        DispatcherType[] types = new DispatcherType[names.length];
        for (int i = 0; i < names.length; i++) {
            try {
                types[i] = DispatcherType.valueOf(names[i].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + names[i] + "' is not one of "
                        + List.of(DispatcherType.values()), e);
            }
        }
        return types;
    }
}
