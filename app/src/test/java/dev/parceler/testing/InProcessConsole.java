package dev.parceler.testing;

import dev.parceler.Installation;
import dev.parceler.console.ConsoleRoot;
import dev.parceler.console.Terminal;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Optional;

/**
 * The console of {@link TestInstallation#run}, in the app module's tests: the console's root on
 * the test's installation, with no terminal or one that answers from a script (its prompts come
 * first in what the command printed).
 */
public final class InProcessConsole implements TestConsole {
    @Override
    public ConsoleResult run(Installation installation, Optional<String> answers, String... arguments) {
        StringWriter prompts = new StringWriter();
        Terminal terminal = answers.map(lines -> new Terminal(new StringReader(lines), new PrintWriter(prompts, true), true))
                .orElseGet(Terminal::none);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = ConsoleRoot.console(installation, terminal, System.getenv(), java.io.InputStream.nullInputStream(), new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(arguments);
        return new ConsoleResult(exitCode, prompts + out.toString(), err.toString());
    }
}
