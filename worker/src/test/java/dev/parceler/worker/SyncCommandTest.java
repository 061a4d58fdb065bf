package dev.parceler.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncCommandTest {
    @TempDir
    Path home;

    @Test
    void runsWithShInItsFolderWithTheGivenEnvironmentAndNoInput() throws Exception {
        SyncCommand.Result result = new SyncCommand(Duration.ofSeconds(30), SyncCommand.wrapper()).run("base",
                "pwd; echo \"$PARCELER_REPOSITORY $PARCELER_SOURCE_DIR\"; if read line; then echo got-input; else echo no-input; fi; echo oops >&2",
                home.resolve("work"), Map.of("PARCELER_REPOSITORY", "base", "PARCELER_SOURCE_DIR", "/x/source/base"));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.tail()).containsExactly(home.resolve("work").toString(), "base /x/source/base", "no-input", "oops");
    }

    @Test
    void theCommandStartsOnlyOnceItsProcessGroupIsRecorded() throws Exception {
        Path marker = home.resolve("started");
        AtomicBoolean ranBeforeRecorded = new AtomicBoolean();
        SyncCommand.Result result = new SyncCommand(Duration.ofSeconds(30), SyncCommand.wrapper()).run("base",
                "touch " + marker, home, Map.of(), group -> {
                    try {
                        // A slow database under load: the worker has not recorded the group yet.
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ranBeforeRecorded.set(Files.exists(marker));
                });

        assertThat(result.succeeded()).as(result.tail().toString()).isTrue();
        assertThat(ranBeforeRecorded).as("the command ran before its group was recorded").isFalse();
        assertThat(marker).exists();
    }

    @Test
    void aShellWhoseWorkerDiedBeforeLettingItStartNeverRunsTheCommand() throws Exception {
        Path marker = home.resolve("started");
        Process gate = new ProcessBuilder("sh", "-c", SyncCommand.GATE, "touch " + marker).start();
        gate.getOutputStream().close();

        assertThat(gate.waitFor()).isEqualTo(125);
        assertThat(marker).doesNotExist();
    }

    @Test
    void keepsTheLastLinesAndTheExitCode() throws Exception {
        SyncCommand.Result result = new SyncCommand(Duration.ofSeconds(30), SyncCommand.wrapper()).run("base",
                "for i in $(seq 1 100); do echo line $i; done; exit 3", home, Map.of());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.tail()).containsExactlyElementsOf(
                IntStream.rangeClosed(61, 100).mapToObj(i -> "line " + i).collect(Collectors.toList()));
    }

    @Test
    void aCommandPastItsTimeoutIsKilledWithItsChildren() throws Exception {
        Path pids = home.resolve("pids");
        long started = System.nanoTime();

        SyncCommand.Result result = new SyncCommand(Duration.ofSeconds(1), SyncCommand.wrapper()).run("base",
                "sleep 300 & echo $! > " + pids + "; (sleep 300; echo never) & echo $! >> " + pids + "; echo started; sleep 300",
                home, Map.of());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(result.timedOut()).isTrue();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.tail()).containsExactly("started");
        for (String pid : Files.readAllLines(pids)) {
            assertThat(running(pid.trim())).as("child " + pid + " was killed").isFalse();
        }
    }

    @Test
    void aStoppingWorkerTakesTheCommandDownWithIt() throws Exception {
        Path pids = home.resolve("pids");
        Thread caller = Thread.currentThread();
        // The worker stops once the command runs (its child has written its pid), within ten seconds at most.
        Thread stopper = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            try {
                while (System.nanoTime() < deadline && !(Files.exists(pids) && Files.size(pids) > 0)) {
                    Thread.sleep(10);
                }
            } catch (InterruptedException | java.io.IOException e) {
                return;
            }
            caller.interrupt();
        });
        stopper.start();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SyncCommand(Duration.ofSeconds(60), SyncCommand.wrapper()).run("base",
                "sleep 300 & echo $! > " + pids + "; sleep 300", home, Map.of())).isInstanceOf(InterruptedException.class);

        assertThat(running(Files.readString(pids).trim())).isFalse();
    }

    /** Alive and not a zombie waiting to be reaped by an init that is not the test's. */
    static boolean running(String pid) throws Exception {
        Path stat = Path.of("/proc", pid, "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String content = Files.readString(stat);
        return content.charAt(content.lastIndexOf(')') + 2) != 'Z';
    }
}
