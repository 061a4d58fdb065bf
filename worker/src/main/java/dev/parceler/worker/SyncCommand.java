package dev.parceler.worker;

import dev.parceler.sync.LocalProcesses;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a repository's sync command: {@code sh -c} in its own session (so that the whole tree can
 * be killed, children included), started only once its process group is recorded, no standard input, output logged line by line with the
 * repository's name, killed after the timeout. The shell is killed by the kernel when the worker
 * dies ({@code setpriv --pdeathsig KILL}): no command runs on without a worker watching its
 * timeout; what its children leave is killed by the next run of the job (see {@link LocalProcesses}).
 */
public final class SyncCommand {
    private static final Logger LOG = LoggerFactory.getLogger(SyncCommand.class);
    static final int TAIL_LINES = 40;
    private static final Duration GRACE = Duration.ofSeconds(5);
    /**
     * The shell first waits for one line from the worker, sent once the command's process group is
     * recorded: a worker killed between starting the shell and recording it would otherwise leave
     * the command's children running unknown to the next run. On end of input (the worker died)
     * it exits without running the command; else it becomes the command's shell (same pid, so the
     * same process group and death signal), reading nothing.
     */
    static final String GATE = "IFS= read -r go || exit 125; exec sh -c \"$0\" </dev/null";

    private final Duration timeout;
    private final List<String> wrapper;

    /** @param wrapper the programs the shell is started through (see {@link #wrapper()}) */
    public SyncCommand(Duration timeout, List<String> wrapper) {
        this.timeout = timeout;
        this.wrapper = List.copyOf(wrapper);
    }

    /**
     * {@code setpriv --pdeathsig KILL} (util-linux) so that the shell dies with the worker, and
     * {@code setsid} so that it leads a process group of its own, whose id is its pid; each only
     * where installed.
     */
    public static List<String> wrapper() {
        List<String> wrapper = new ArrayList<>();
        if (new File("/usr/bin/setpriv").canExecute()) {
            wrapper.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "KILL"));
        }
        if (new File("/usr/bin/setsid").canExecute()) {
            wrapper.add("/usr/bin/setsid");
        }
        return wrapper;
    }

    /** How the command ended: its exit code, whether it was killed for the timeout, its last lines. */
    public Duration timeout() {
        return timeout;
    }

    public record Result(int exitCode, boolean timedOut, List<String> tail) {
        public boolean succeeded() {
            return exitCode == 0 && !timedOut;
        }
    }

    public Result run(String repository, String command, Path workingDirectory, Map<String, String> environment)
            throws IOException, InterruptedException {
        return run(repository, command, workingDirectory, environment, group -> { });
    }

    /** @param started told the command's process group (its shell's pid) as soon as it runs */
    public Result run(String repository, String command, Path workingDirectory, Map<String, String> environment,
            java.util.function.LongConsumer started) throws IOException, InterruptedException {
        Files.createDirectories(workingDirectory);
        List<String> shell = new ArrayList<>(wrapper);
        shell.addAll(List.of("sh", "-c", GATE, command));
        ProcessBuilder builder = new ProcessBuilder(shell)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        // A null value removes a variable the worker has from the command's environment.
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });

        Process process = builder.start();
        if (wrapper.contains("/usr/bin/setsid")) {
            try {
                started.accept(process.pid());
            } catch (RuntimeException e) {
                LOG.warn("[{}] cannot record the sync command's process group: {}", repository, e.getMessage());
            }
        }
        // Recorded (or not recordable): the command may start. A worker that died before this line
        // closed the pipe instead, and the command never ran.
        try (var go = process.getOutputStream()) {
            go.write('\n');
        } catch (IOException e) {
            LOG.debug("[{}] the sync command ended before it was let start: {}", repository, e.getMessage());
        }
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = new Thread(() -> follow(repository, process, tail), "sync-output-" + repository);
        reader.setDaemon(true);
        reader.start();

        boolean timedOut;
        try {
            timedOut = !process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // The worker is stopping: the command goes with it, and the job runs again on the next worker.
            LOG.warn("[{}] worker stopping: killing the sync command", repository);
            killTree(process);
            throw e;
        }
        if (timedOut) {
            LOG.warn("[{}] sync command still running after {} s: killing it and its children", repository, timeout.toSeconds());
            killTree(process);
        }
        reader.join(GRACE.toMillis());
        synchronized (tail) {
            return new Result(process.exitValue(), timedOut, List.copyOf(tail));
        }
    }

    private static void follow(String repository, Process process, Deque<String> tail) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                LOG.info("[{}] {}", repository, line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("[{}] output closed: {}", repository, e.getMessage());
        }
    }

    /** TERM to the session's process group and every descendant, then KILL to whatever is left. */
    private static void killTree(Process process) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        signalGroup(process.pid(), "TERM");
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS) || tree.stream().anyMatch(ProcessHandle::isAlive)) {
            tree.addAll(process.descendants().toList());
            signalGroup(process.pid(), "KILL");
            tree.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
    }

    private static void signalGroup(long leader, String signal) throws InterruptedException {
        try {
            new ProcessBuilder("kill", "-" + signal, "--", "-" + leader)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            LOG.debug("kill -{} -{} failed: {}", signal, leader, e.getMessage());
        }
    }
}
