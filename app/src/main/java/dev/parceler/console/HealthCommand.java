package dev.parceler.console;

import dev.parceler.health.Condition;
import dev.parceler.health.Heartbeat;
import dev.parceler.health.Heartbeats;
import dev.parceler.health.Liveness;
import dev.parceler.health.ProcessKind;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Exit 0 when the processes of this host (this container) are alive and not stuck, 1 otherwise;"
                + " one line per process. Without arguments: every process that has beaten on this host.",
                "A process is silent without a beat for 60 s; a worker is stuck with a job running longer than"
                        + " SYNC_TIMEOUT plus 10 min; a scheduler is stuck when a tick is 2 min overdue;"
                        + " serve must also answer 200 on its own /up."})
final class HealthCommand implements Callable<Integer> {
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(3);

    private final Supplier<Heartbeats> heartbeats;
    private final Supplier<Liveness> liveness;
    private final String httpHost;
    private final int httpPort;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PROCESS", arity = "0..*",
            description = "serve, worker or scheduler: each must be alive on this host.")
    List<ProcessKind> kinds = new ArrayList<>();

    HealthCommand(Supplier<Heartbeats> heartbeats, Supplier<Liveness> liveness, String httpHost, int httpPort) {
        this.heartbeats = heartbeats;
        this.liveness = liveness;
        this.httpHost = httpHost;
        this.httpPort = httpPort;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String host = Heartbeats.thisHost();
        List<Heartbeat> beats = heartbeats.get().onHost(host);
        if (beats.isEmpty() && kinds.isEmpty()) {
            throw new ConsoleFailure("No Parceler process has beaten on " + host + " yet");
        }
        Liveness liveness = this.liveness.get();
        boolean healthy = true;
        List<ProcessKind> checked = kinds.isEmpty() ? beats.stream().map(Heartbeat::kind).toList() : kinds;
        for (ProcessKind kind : checked) {
            Optional<Heartbeat> beat = beats.stream().filter(candidate -> candidate.kind() == kind).findFirst();
            String verdict;
            boolean alive;
            if (beat.isEmpty()) {
                verdict = "not running: no beat on this host";
                alive = false;
            } else {
                Condition condition = liveness.of(beat.get());
                verdict = condition.describe();
                alive = condition.healthy();
                if (alive && kind == ProcessKind.SERVE) {
                    Optional<String> http = httpFault();
                    if (http.isPresent()) {
                        verdict = "beats but " + http.get();
                        alive = false;
                    }
                }
            }
            out.println(kind.label() + " on " + host + ": " + verdict);
            healthy &= alive;
        }
        return healthy ? 0 : 1;
    }

    /** Why serve's own {@code /up} does not answer 200 on {@code HTTP_HOST}:{@code HTTP_PORT}, if it does not. */
    private Optional<String> httpFault() {
        String bound = httpHost;
        String address = bound.equals("0.0.0.0") || bound.equals("::") || bound.isBlank() ? "127.0.0.1" : bound;
        URI up = URI.create("http://" + (address.contains(":") ? "[" + address + "]" : address) + ":"
                + httpPort + "/up");
        try {
            HttpResponse<Void> answer = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build()
                    .send(HttpRequest.newBuilder(up).timeout(HTTP_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == HttpStatus.OK.getCode() ? Optional.empty() : Optional.of(up + " answers " + answer.statusCode());
        } catch (IOException e) {
            return Optional.of(up + " does not answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
