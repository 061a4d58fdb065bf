package dev.parceler.console;

import dev.parceler.config.NotifySettings;
import dev.parceler.database.Database;
import dev.parceler.notify.Courier;
import dev.parceler.notify.Notice;
import dev.parceler.notify.Noticeboard;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "notify:test", mixinStandardHelpOptions = true,
        description = "Send a test notice to every webhook of NOTIFY_WEBHOOKS now, and say for each whether it took it"
                + " (exit 1 when one did not). The notices themselves are sent by the scheduler.")
final class NotifyTestCommand implements Callable<Integer> {
    private final Supplier<Database> database;
    private final NotifySettings notices;
    private final Clock clock;

    @Spec
    CommandSpec spec;

    NotifyTestCommand(Supplier<Database> database, NotifySettings notices, Clock clock) {
        this.database = database;
        this.notices = notices;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if (!notices.on()) {
            throw new ConsoleFailure("No webhook to test: NOTIFY_WEBHOOKS is not set.");
        }
        Courier courier = new Courier(notices, new Noticeboard(database.get().dataSource()),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        List<String> results = courier.sendNow(new Notice("test:" + clock.millis(), "test", Optional.empty(),
                "a test notice from notify:test: notices reach this webhook", clock.instant()));
        PrintWriter out = spec.commandLine().getOut();
        results.forEach(out::println);
        return results.stream().allMatch(line -> line.endsWith(": delivered")) ? 0 : 1;
    }
}
