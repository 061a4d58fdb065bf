package dev.parceler.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** What this JVM logs while it is open, as the lines an operator would read (message only). */
public final class CapturedLog implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public CapturedLog() {
        appender.start();
        root.addAppender(appender);
    }

    public String text() {
        synchronized (appender.list) {
            return appender.list.stream().map(event -> event.getLoggerName() + " " + event.getFormattedMessage())
                    .collect(Collectors.joining("\n"));
        }
    }

    /** The lines one logger wrote, each as its level and message: {@code WARN Repository 'base' ...}. */
    public java.util.List<String> lines(Class<?> logger) {
        synchronized (appender.list) {
            return appender.list.stream().filter(event -> event.getLoggerName().equals(logger.getName()))
                    .map(event -> event.getLevel() + " " + event.getFormattedMessage())
                    .toList();
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
