package dev.parceler.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Every process's logging, set up in code: Logback finds it through
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator} before looking for a
 * {@code logback.xml}, and stops there. An XML file would load Logback's Joran parser and model
 * classes in every process, about 4 MiB resident each, for five lines of settings.
 * {@link Logging#apply} then sets the root level from {@code LOG_LEVEL} once the settings are read.
 */
public final class StandardErrorLogConfigurator extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n";

    /** Levels below the root's: chatter for operators, whose warnings (or errors) still show. */
    static final Map<String, Level> QUIETER = Map.of(
            // Pool and migration chatter.
            "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN,
            "org.jobrunr.storage", Level.WARN,
            "org.eclipse.jetty", Level.WARN,
            "io.javalin", Level.WARN,
            // A failed job is logged by Parceler in one line ("[name] sync failed: ..."); the job
            // library's warning repeats it with a stack trace.
            "org.jobrunr.server.BackgroundJobPerformer", Level.ERROR,
            // "JobFilter ... has slow performance ... JobRunr Pro": the filters' run time on a busy
            // machine, an advertisement rather than a fault.
            "org.jobrunr.jobs.filters", Level.ERROR);

    public StandardErrorLogConfigurator() {
        // Logback's service loader needs a public constructor without arguments.
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        // %msg escapes what it carries (a request's values): no message can forge a line of its own.
        java.util.Map<String, java.util.function.Supplier<ch.qos.logback.core.pattern.DynamicConverter<?>>> rules = new java.util.HashMap<>();
        rules.put("msg", EscapedMessageConverter::new);
        rules.put("m", EscapedMessageConverter::new);
        rules.put("message", EscapedMessageConverter::new);
        context.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        // Standard error: standard output of console commands is for their results.
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();

        QUIETER.forEach((name, level) -> context.getLogger(name).setLevel(level));
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        // Neither logback.xml nor Logback's fallback configuration: this is the whole of it.
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
