package io.github.gonefilter.registry.sync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Collects what the library logs (through {@code System.Logger}, which goes to java.util.logging) under one
 * logger name, for tests that check a message was logged. Optionally keeps the records off the console,
 * for tests that provoke thousands of them.
 */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final boolean quiet;
    private final boolean parentHandlers;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog(Class<?> source, boolean quiet) {
        this.logger = Logger.getLogger(source.getName());
        this.quiet = quiet;
        this.parentHandlers = logger.getUseParentHandlers();
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
        if (quiet) {
            logger.setUseParentHandlers(false);
        }
    }

    /** Collects the records of {@code source}'s logger; they still reach the console. */
    public static CapturedLog of(Class<?> source) {
        return new CapturedLog(source, false);
    }

    /** Collects the records of {@code source}'s logger and keeps them off the console. */
    public static CapturedLog quietly(Class<?> source) {
        return new CapturedLog(source, true);
    }

    /** The messages logged at {@code level} or above, in order. */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue()).map(LogRecord::getMessage)
                .collect(Collectors.toList());
    }

    public void clear() {
        records.clear();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        if (quiet) {
            logger.setUseParentHandlers(parentHandlers);
        }
    }
}
