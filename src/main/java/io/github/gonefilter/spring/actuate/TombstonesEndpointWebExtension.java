package io.github.gonefilter.spring.actuate;

import io.github.gonefilter.registry.sync.TombstoneStoreException;
import io.github.gonefilter.tombstone.NotRestorableException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The {@code tombstones} endpoint over HTTP, with status codes that say what happened and a {@code message} that
 * says why: 400 for bad input (the library's own message for a bad tombstone), 404 when no tombstone answers or
 * matches, 405 when the registry cannot be written, 409 when a tombstone is not restorable without
 * {@code force=true}, 503 when a shared store cannot be reached.
 */
@EndpointWebExtension(endpoint = TombstonesEndpoint.class)
public class TombstonesEndpointWebExtension {

    static final int METHOD_NOT_ALLOWED = 405;
    static final int CONFLICT = 409;

    private final TombstonesEndpoint endpoint;

    public TombstonesEndpointWebExtension(TombstonesEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    @ReadOperation
    public WebEndpointResponse<Object> tombstones(@Nullable Integer offset, @Nullable Integer limit) {
        return respond(() -> endpoint.tombstones(offset, limit));
    }

    @ReadOperation
    public WebEndpointResponse<Object> explain(@Selector(match = Selector.Match.ALL_REMAINING) String... path) {
        return respond(() -> {
            Object explanation = endpoint.explain(path);
            return explanation != null ? explanation
                    : error(WebEndpointResponse.STATUS_NOT_FOUND, "no tombstone answers /" + String.join("/", path));
        });
    }

    @WriteOperation
    public WebEndpointResponse<Object> bury(@Nullable Object path, @Nullable Object regex, @Nullable Object deletedAt,
            @Nullable Object reason, @Nullable Object message, @Nullable Object alternative, @Nullable Object maxAge,
            @Nullable Object goneFrom, @Nullable Object goneUntil, @Nullable Object visibility,
            @Nullable Object restorable, @Nullable Object mode) {
        return respond(() -> endpoint.bury(path, regex, deletedAt, reason, message, alternative, maxAge, goneFrom,
                goneUntil, visibility, restorable, mode));
    }

    @DeleteOperation
    public WebEndpointResponse<Object> restore(@Selector(match = Selector.Match.ALL_REMAINING) String[] path,
            @Nullable Boolean force) {
        return respond(() -> {
            Object restored = endpoint.restore(path, force);
            return restored != null ? restored
                    : error(WebEndpointResponse.STATUS_NOT_FOUND, "no tombstone has the path or glob /"
                            + String.join("/", path));
        });
    }

    @DeleteOperation
    public WebEndpointResponse<Object> restoreRegex(@Nullable String regex, @Nullable Boolean force) {
        return respond(() -> {
            Object restored = endpoint.restoreRegex(regex, force);
            return restored != null ? restored
                    : error(WebEndpointResponse.STATUS_NOT_FOUND, "no tombstone has the regular expression " + regex);
        });
    }

    /** Runs an operation of the endpoint and turns its outcome into a status and body. */
    static WebEndpointResponse<Object> respond(Supplier<Object> operation) {
        try {
            Object body = operation.get();
            return body instanceof WebEndpointResponse<?> response
                    ? new WebEndpointResponse<>(response.getBody(), response.getStatus())
                    : new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK);
        } catch (NotRestorableException e) {
            return error(CONFLICT, e.getMessage());
        } catch (IllegalArgumentException e) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, e.getMessage());
        } catch (UnsupportedOperationException e) {
            return error(METHOD_NOT_ALLOWED, e.getMessage());
        } catch (TombstoneStoreException e) {
            return error(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    static WebEndpointResponse<Object> error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("message", message);
        return new WebEndpointResponse<>(OperationResponseBody.of(body), status);
    }
}
