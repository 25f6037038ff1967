package io.github.gonefilter.spring.actuate;

import static io.github.gonefilter.spring.actuate.TombstonesEndpointWebExtension.error;
import static io.github.gonefilter.spring.actuate.TombstonesEndpointWebExtension.respond;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The {@code gonemonitor} endpoint over HTTP, with the status codes of the {@code tombstones} endpoint: 400 for bad
 * input, 404 for a path the monitor does not list, 405 when the registry cannot be written, 503 when a shared store
 * cannot be reached.
 */
@EndpointWebExtension(endpoint = GoneMonitorEndpoint.class)
public class GoneMonitorEndpointWebExtension {

    private final GoneMonitorEndpoint endpoint;

    public GoneMonitorEndpointWebExtension(GoneMonitorEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    @ReadOperation
    public WebEndpointResponse<Object> entries(@Nullable Integer limit) {
        return respond(() -> endpoint.entries(limit));
    }

    @WriteOperation
    public WebEndpointResponse<Object> promote(@Nullable Object path, @Nullable Object glob,
            @Nullable Object deletedAt, @Nullable Object reason, @Nullable Object message, @Nullable Object alternative,
            @Nullable Object maxAge, @Nullable Object goneFrom, @Nullable Object goneUntil, @Nullable Object visibility,
            @Nullable Object restorable, @Nullable Object mode) {
        return respond(() -> endpoint.promote(path, glob, deletedAt, reason, message, alternative, maxAge, goneFrom,
                goneUntil, visibility, restorable, mode));
    }

    @DeleteOperation
    public WebEndpointResponse<Object> dismiss(@Selector(match = Selector.Match.ALL_REMAINING) String... path) {
        return respond(() -> {
            Object dismissed = endpoint.dismiss(path);
            return dismissed != null ? dismissed
                    : error(WebEndpointResponse.STATUS_NOT_FOUND, "the monitor lists no /" + String.join("/", path));
        });
    }
}
