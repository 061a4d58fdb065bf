package dev.parceler.config;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %msg} of every log line, with line breaks and control characters escaped
 * ({@link LogText}): a message is one line whatever values it carries. Not cut in length (a feed
 * check's summary is long on purpose); the values that come from requests are cut where they are
 * logged. Stack traces stay lines of their own ({@code %ex}).
 */
public final class EscapedMessageConverter extends ClassicConverter {
    /** Long enough for any message Parceler writes, short enough that one line cannot fill a disk. */
    static final int MAX_MESSAGE = 64 * 1024;

    public EscapedMessageConverter() {
        // Logback builds converters by reflection.
    }

    @Override
    public String convert(ILoggingEvent event) {
        return LogText.escape(event.getFormattedMessage(), MAX_MESSAGE);
    }
}
