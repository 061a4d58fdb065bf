package dev.parceler.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.ParcelerProcess;
import dev.parceler.testing.TestInstallation;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three processes start together on a new database file and write to it for 30 seconds through
 * the real console; none of them may see "database is locked" or any other failure.
 */
class ConcurrentWritersIT {
    private static final int WRITERS = 3;
    private static final long SECONDS = Long.getLong("parceler.concurrency.seconds", 30);

    @TempDir
    Path home;

    @Test
    void threeProcessesWriteAtOnceWithoutLockingErrors() throws Exception {
        Map<String, String> environment = Map.of("APP_TIMEZONE", "UTC");
        String classpath = ParcelerProcess.jar() + File.pathSeparator + Path.of("target/test-classes").toAbsolutePath();
        List<Process> writers = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            Path output = home.resolve("writer-" + writer + ".txt");
            outputs.add(output);
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classpath, ConsoleLoop.class.getName(), "w" + writer, Long.toString(SECONDS));
            writers.add(ParcelerProcess.builder(home, environment, command)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start());
        }

        int total = 0;
        Pattern summary = Pattern.compile("commands=(\\d+) failures=(\\d+)");
        for (int writer = 0; writer < WRITERS; writer++) {
            assertThat(writers.get(writer).waitFor(SECONDS + 120, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(outputs.get(writer));
            System.out.println("writer " + writer + ": " + output.lines().filter(line -> line.startsWith("commands=")).findFirst().orElse(output));
            assertThat(output).doesNotContainIgnoringCase("locked").doesNotContain("SQLITE_BUSY").doesNotContain("Exception");
            Matcher matcher = summary.matcher(output);
            assertThat(matcher.find()).as(output).isTrue();
            assertThat(Integer.parseInt(matcher.group(2))).as(output).isZero();
            assertThat(writers.get(writer).exitValue()).as(output).isZero();
            total += Integer.parseInt(matcher.group(1));
        }
        System.out.println("commands in " + SECONDS + " s by " + WRITERS + " processes: " + total);
        assertThat(total).as("the writers really ran").isGreaterThan(WRITERS * 20);

        try (TestInstallation check = TestInstallation.in(home)) {
            check.env("APP_TIMEZONE", "UTC");
            // Each loop is four commands: create, freeze, unfreeze, list.
            assertThat(check.installation().repositoryComponents().repositories().all())
                    .as("every create landed once, and every freeze was undone")
                    .hasSize(total / 4)
                    .allMatch(repository -> repository.freeze().isEmpty());
        }
    }
}
