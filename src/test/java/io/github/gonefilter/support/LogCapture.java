package io.github.gonefilter.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the library logs under one logger name (through {@code System.Logger}, which goes to
 * {@code java.util.logging} here), from {@link #of} until {@link #close}, for tests that check a message was
 * logged. Optionally keeps the records off the console, for tests that provoke thousands of them. Safe to read
 * while another thread logs.
 */
public final class LogCapture implements AutoCloseable {

    /** Something to run while capturing. */
    public interface Action {
        void run() throws Exception;
    }

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

    private LogCapture(Class<?> source, boolean quiet) {
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
    public static LogCapture of(Class<?> source) {
        return new LogCapture(source, false);
    }

    /** Collects the records of {@code source}'s logger and keeps them off the console. */
    public static LogCapture quietly(Class<?> source) {
        return new LogCapture(source, true);
    }

    /** The records logged by {@code source}'s logger while {@code action} runs. */
    public static List<LogRecord> during(Class<?> source, Action action) throws Exception {
        try (LogCapture capture = of(source)) {
            action.run();
            return capture.records();
        }
    }

    /** What was logged so far. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The messages logged at {@code level} or above, in order. */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue()).map(LogRecord::getMessage)
                .toList();
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
