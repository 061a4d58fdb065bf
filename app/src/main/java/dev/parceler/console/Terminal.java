package dev.parceler.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Where questions are asked. Only an interactive terminal is asked anything: a command run from
 * a script, a pipe or a job gets an error for each answer its flags do not give.
 */
public final class Terminal {
    private final BufferedReader in;
    private final PrintWriter out;
    private final boolean interactive;

    public Terminal(Reader in, PrintWriter out, boolean interactive) {
        this.in = in instanceof BufferedReader buffered ? buffered : new BufferedReader(in);
        this.out = out;
        this.interactive = interactive;
    }

    /** The process's terminal when standard input and output are one, else a terminal that asks nothing. */
    public static Terminal ofProcess() {
        java.io.Console console = System.console();
        if (console == null || !isTerminal(console)) {
            return none();
        }
        return new Terminal(console.reader(), console.writer(), true);
    }

    public static Terminal none() {
        return new Terminal(Reader.nullReader(), new PrintWriter(java.io.Writer.nullWriter(), true), false);
    }

    public boolean interactive() {
        return interactive;
    }

    /** Asks a question; empty when the terminal reaches end of input. A blank line gives {@code fallback} when there is one. */
    public Optional<String> ask(String question, String fallback) {
        out.println(fallback == null ? " " + question : " " + question + " [" + fallback + "]");
        out.print(" > ");
        out.flush();
        try {
            String line = in.readLine();
            if (line == null) {
                return Optional.empty();
            }
            return Optional.of(line.isBlank() && fallback != null ? fallback : line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asks until {@code rule} accepts the answer, explaining each refusal; at the end of input the
     * command fails with {@code withoutAnswer} (what was not done).
     */
    public <T> T askUntilValid(String question, String fallback, java.util.function.Function<String, T> rule, String withoutAnswer) {
        while (true) {
            String raw = ask(question, fallback)
                    .orElseThrow(() -> new ConsoleFailure("No answer to '" + question + "'; " + withoutAnswer));
            try {
                return rule.apply(raw);
            } catch (dev.parceler.repository.InvalidRepositoryException e) {
                warn(e.getMessage());
            }
        }
    }

    public void warn(String message) {
        out.println(" " + message);
        out.flush();
    }

    /** From Java 22 on, System.console() exists even when redirected; isTerminal() tells the truth there. */
    private static boolean isTerminal(java.io.Console console) {
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
