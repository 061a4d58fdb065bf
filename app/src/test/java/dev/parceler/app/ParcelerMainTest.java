package dev.parceler.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParcelerMainTest {
    @ParameterizedTest
    @CsvSource({"serve,serve", "worker,worker", "scheduler,scheduler", "repo:list,console", "--help,console", "'',console"})
    void eachProcessIsNamedAfterItsCommand(String command, String name) {
        String[] arguments = command.isEmpty() ? new String[0] : new String[] {command, "--force"};

        assertThat(ParcelerMain.processName(arguments)).isEqualTo(name);
    }
}
