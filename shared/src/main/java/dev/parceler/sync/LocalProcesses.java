package dev.parceler.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes of this machine as Linux's {@code /proc} shows them. A process is named by its pid
 * and its start time (so that a reused pid is not mistaken for it) inside a process space: the
 * boot and the pid namespace (a container has its own), where those pids mean something.
 */
public final class LocalProcesses {
    private static final Logger LOG = LoggerFactory.getLogger(LocalProcesses.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final Path proc;

    public LocalProcesses(Path proc) {
        this.proc = proc;
    }

    /** A process: where its pid is valid, its pid, and its start time in clock ticks since boot. */
    public record Identity(String space, long pid, long started) {
    }

    /** This process, when {@code /proc} can tell. */
    public Optional<Identity> self() {
        Optional<String> space = space();
        long pid = ProcessHandle.current().pid();
        Optional<Long> started = startTicks(pid);
        return space.isPresent() && started.isPresent() ? Optional.of(new Identity(space.get(), pid, started.get())) : Optional.empty();
    }

    /** The boot and pid namespace of this process, e.g. {@code 0c1f…/pid:[4026531836]}. */
    public Optional<String> space() {
        try {
            String boot = Files.readString(proc.resolve("sys/kernel/random/boot_id")).trim();
            String namespace = Files.readSymbolicLink(proc.resolve("self/ns/pid")).toString();
            return Optional.of(boot + "/" + namespace);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Whether a process of this space is still running (not gone, not a zombie, not a newer process with its pid). */
    public boolean alive(Identity process) {
        return stat(process.pid()).filter(fields -> !fields.get(0).equals("Z"))
                .filter(fields -> Long.parseLong(fields.get(19)) == process.started()).isPresent();
    }

    /**
     * Kills (SIGKILL) every process of the group {@code group} that runs with {@code variable} in
     * its environment, and waits for them to go; returns how many there were. The variable makes
     * sure that a group id reused by an unrelated program is left alone.
     */
    public int killGroup(long group, String variable) throws InterruptedException {
        List<ProcessHandle> members = new ArrayList<>();
        byte[] wanted = (variable + "\0").getBytes(StandardCharsets.UTF_8);
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.forEach(process -> {
                Optional<List<String>> fields = stat(process.pid());
                if (fields.isPresent() && Long.parseLong(fields.get().get(2)) == group && environmentHas(process.pid(), wanted)) {
                    members.add(process);
                }
            });
        }
        members.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        while (members.stream().anyMatch(this::running) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return members.size();
    }

    private boolean running(ProcessHandle process) {
        return stat(process.pid()).filter(fields -> !fields.get(0).equals("Z")).isPresent();
    }

    private boolean environmentHas(long pid, byte[] wanted) {
        try {
            byte[] environment = Files.readAllBytes(proc.resolve(pid + "/environ"));
            outer:
            for (int start = 0; start + wanted.length <= environment.length; start++) {
                if (start > 0 && environment[start - 1] != 0) {
                    continue;
                }
                for (int i = 0; i < wanted.length; i++) {
                    if (environment[start + i] != wanted[i]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private Optional<Long> startTicks(long pid) {
        return stat(pid).map(fields -> Long.parseLong(fields.get(19)));
    }

    /** The fields of {@code /proc/<pid>/stat} after the command name: state first, then ppid, pgrp, …, starttime at 19. */
    private Optional<List<String>> stat(long pid) {
        try {
            String stat = Files.readString(proc.resolve(pid + "/stat"));
            // The command name is in parentheses and may hold spaces and parentheses itself.
            String rest = stat.substring(stat.lastIndexOf(')') + 2);
            List<String> fields = List.of(rest.trim().split(" "));
            return fields.size() > 19 ? Optional.of(fields) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.trace("no process {}: {}", pid, e.getMessage());
            return Optional.empty();
        }
    }
}
