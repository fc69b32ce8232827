package io.certbridge.document;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * openhtmltopdf's messages in the hub's log, under loggers named {@code com.openhtmltopdf.*}. Left alone, it prints
 * a few INFO lines to standard error for every PDF, past the log levels and the structured (JSON) format.
 */
final class PdfLibraryLog implements XRLogger {

    private PdfLibraryLog() {
    }

    static void install() {
        XRLog.setLoggerImpl(new PdfLibraryLog());
    }

    @Override
    public void log(String where, java.util.logging.Level level, String message) {
        log(where, level, message, null);
    }

    @Override
    public void log(String where, java.util.logging.Level level, String message, Throwable error) {
        LoggerFactory.getLogger(where).atLevel(of(level)).setCause(error).log(message);
    }

    @Override
    public void setLevel(String logger, java.util.logging.Level level) {
        // levels are the hub's logging.level.com.openhtmltopdf settings
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        Logger logger = LoggerFactory.getLogger(diagnostic.getLogMessageId().getWhere());
        return logger.isEnabledForLevel(of(diagnostic.getLevel()));
    }

    private static Level of(java.util.logging.Level level) {
        int value = level.intValue();
        if (value >= java.util.logging.Level.SEVERE.intValue()) {
            return Level.ERROR;
        }
        if (value >= java.util.logging.Level.WARNING.intValue()) {
            return Level.WARN;
        }
        if (value >= java.util.logging.Level.INFO.intValue()) {
            return Level.INFO;
        }
        return value >= java.util.logging.Level.FINE.intValue() ? Level.DEBUG : Level.TRACE;
    }
}
