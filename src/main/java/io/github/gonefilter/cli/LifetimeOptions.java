package io.github.gonefilter.cli;

import io.github.gonefilter.GoneFilter;
import io.github.gonefilter.internal.response.GoneResponseWriter;
import io.github.gonefilter.internal.response.ResponseSettings;
import io.github.gonefilter.internal.text.TextValues;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.TombstoneMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The filter's cache-lifetime settings ({@code defaultMaxAge}, {@code maxAge.<reason>}, {@code restorableMaxAge})
 * and its default {@code mode}, so that check, explain and diff judge a file as the deployed filter would; each
 * defaults to the filter's default.
 */
final class LifetimeOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--default-max-age", paramLabel = "DURATION",
            description = "The filter's defaultMaxAge (seconds or ISO-8601, e.g. P1D); default the filter's, P1D.")
    String defaultMaxAge;

    @Option(names = "--max-age", paramLabel = "REASON=DURATION",
            description = "The filter's maxAge.<reason>, once per reason; default the filter's: expired and sunset P30D,"
                    + " discontinued P365D.")
    Map<String, String> maxAgeByReason = new LinkedHashMap<>();

    @Option(names = "--restorable-max-age", paramLabel = "DURATION",
            description = "The filter's restorableMaxAge; default the filter's, P1D.")
    String restorableMaxAge;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "The filter's mode for gone tombstones that name none: short-circuit (the filter's default)"
                    + " or fallback; legal and not_found tombstones short-circuit unless they name fallback.")
    String mode;

    /** The filter's builder with these settings. */
    GoneFilter.Builder apply(GoneFilter.Builder builder) {
        TombstoneMode defaultMode = mode();
        if (defaultMode != null) {
            builder.mode(defaultMode);
        }
        Duration byDefault = duration("--default-max-age", defaultMaxAge);
        if (byDefault != null) {
            builder.defaultMaxAge(byDefault);
        }
        byReason().forEach(builder::maxAge);
        Duration restorable = duration("--restorable-max-age", restorableMaxAge);
        if (restorable != null) {
            builder.restorableMaxAge(restorable);
        }
        return builder;
    }

    /** The response settings the filter built with these options uses. */
    ResponseSettings settings() {
        mode(); // check reads no mode, but a misspelt one is refused there too
        ResponseSettings d = ResponseSettings.defaults();
        Duration byDefault = duration("--default-max-age", defaultMaxAge);
        Duration restorable = duration("--restorable-max-age", restorableMaxAge);
        return new ResponseSettings(d.format(), d.html(), d.htmlTemplate(), d.htmlErrorPage(), d.htmlLang(),
                d.problemType(), d.blockedBy(), byDefault != null ? byDefault : d.defaultMaxAge(), byReason(),
                restorable != null ? restorable : d.restorableMaxAge(), d.authenticatedResponses());
    }

    /**
     * How long the filter lets caches keep the answer for {@code t}, before shortening it to the time left until
     * its {@code goneUntil}: the response writer's own choice, asked at a time before every {@code goneUntil}.
     */
    static Duration lifetime(Tombstone t, ResponseSettings settings) {
        return Duration.ofSeconds(new GoneResponseWriter(settings).maxAgeSeconds(t, Instant.MIN));
    }

    private TombstoneMode mode() {
        if (mode == null) {
            return null;
        }
        try {
            return TombstoneMode.fromCode(mode);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--mode: " + e.getMessage());
        }
    }

    private Map<String, Duration> byReason() {
        Map<String, Duration> result = new LinkedHashMap<>();
        maxAgeByReason.forEach((reason, value) -> result.put(reason, duration("--max-age " + reason, value)));
        return result;
    }

    private Duration duration(String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return TextValues.duration(option, value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
