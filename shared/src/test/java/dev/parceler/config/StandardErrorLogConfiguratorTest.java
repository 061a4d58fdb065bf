package dev.parceler.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class StandardErrorLogConfiguratorTest {
    @Test
    void logbackFindsItWithoutAnyXml() {
        // This JVM's own context: configured at its first logger, as every process's is.
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

        assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class, appender -> {
            assertThat(appender.getTarget()).isEqualTo("System.err");
            assertThat(((PatternLayoutEncoder) appender.getEncoder()).getPattern())
                    .isEqualTo(StandardErrorLogConfigurator.PATTERN);
        });
        assertThat(context.getLogger("org.jobrunr.server.BackgroundJobPerformer").getLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("com.zaxxer.hikari").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.parceler.sync").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void writesTheLinesOperatorsAndTheirToolsRead() {
        LoggerContext context = new LoggerContext();
        new StandardErrorLogConfigurator().configure(context);
        ch.qos.logback.classic.Logger logger = context.getLogger("dev.parceler.sync.SyncJob");
        ConsoleAppender<ILoggingEvent> appender =
                (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        LoggingEvent event = new LoggingEvent(null, logger, Level.WARN, "[{}] sync failed: {}", null,
                new Object[] {"base", "exit 1"});
        event.setThreadName("worker-1");
        event.setTimeStamp(OffsetDateTime.parse("2026-01-02T03:04:05.678+01:00").toInstant().toEpochMilli());

        String line = new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(line).matches("2026-01-02T\\d\\d:04:05\\.678(Z|[+-]\\d\\d:\\d\\d) WARN  \\[worker-1\\] "
                + "d\\.parceler\\.sync\\.SyncJob - \\[base\\] sync failed: exit 1" + System.lineSeparator());
    }

    /** A value from a request cannot make a line of its own, nor a field end early. */
    @Test
    void aMessageIsOneLineWhateverItCarries() {
        LoggerContext context = new LoggerContext();
        new StandardErrorLogConfigurator().configure(context);
        ch.qos.logback.classic.Logger logger = context.getLogger("parceler.access");
        ConsoleAppender<ILoggingEvent> appender =
                (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        LoggingEvent event = new LoggingEvent(null, logger, Level.INFO, "{} GET {} 401", null,
                new Object[] {"127.0.0.1", "/x\n2026-01-02T03:04:05.678Z INFO  [main] parceler.access - FORGED\r\u001b[2K"});
        event.setThreadName("http-1");

        String line = new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(line.lines()).hasSize(1);
        assertThat(line).contains("GET /x\\n2026-01-02T03:04:05.678Z INFO  [main] parceler.access - FORGED\\r\\x1b[2K 401");
    }
}
