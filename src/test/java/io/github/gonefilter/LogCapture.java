package io.github.gonefilter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what a class logs through {@code System.Logger}, which is backed by {@code java.util.logging} here,
 * from {@link #of} until {@link #close}. Safe to read while another thread logs.
 */
public final class LogCapture implements AutoCloseable {

    /** Something to run while capturing. */
    public interface Action {
        void run() throws Exception;
    }

    private final Logger logger;
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

    private LogCapture(Class<?> source) {
        this.logger = Logger.getLogger(source.getName());
        logger.addHandler(handler);
    }

    /** Starts capturing what {@code source}'s logger logs. */
    public static LogCapture of(Class<?> source) {
        return new LogCapture(source);
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

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
