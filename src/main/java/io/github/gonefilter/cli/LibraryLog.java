package io.github.gonefilter.cli;

import java.io.PrintWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * While a command runs, the library's log records go to the command's standard error as one line prefixed
 * {@code gone-filter:}, errors only: what the library warns about at load time (a regex with nested quantifiers)
 * is a finding of {@code check}, and its information messages describe a running filter, not this one-off use.
 */
final class LibraryLog implements AutoCloseable {

    /** Held strongly: java.util.logging keeps only weak references to loggers, and with them their settings. */
    private static final Logger LIBRARY = Logger.getLogger("io.github.gonefilter");

    private final Level level;
    private final boolean useParentHandlers;
    private final Handler handler;

    private LibraryLog(PrintWriter err) {
        level = LIBRARY.getLevel();
        useParentHandlers = LIBRARY.getUseParentHandlers();
        handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    String message = record.getMessage() + (record.getThrown() == null ? "" : ": " + record.getThrown());
                    err.println(Text.oneLine("gone-filter: " + message));
                    err.flush();
                }
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.SEVERE);
        LIBRARY.setLevel(Level.SEVERE);
        LIBRARY.setUseParentHandlers(false);
        LIBRARY.addHandler(handler);
    }

    /** Routes the library's records to {@code err} until closed. */
    static LibraryLog to(PrintWriter err) {
        return new LibraryLog(err);
    }

    @Override
    public void close() {
        LIBRARY.removeHandler(handler);
        LIBRARY.setUseParentHandlers(useParentHandlers);
        LIBRARY.setLevel(level);
    }
}
