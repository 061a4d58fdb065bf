package dev.parceler.parity;

import static dev.parceler.parity.ParityConsole.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Upstream's {@code tests/Feature/FreezeTest.php}: the served folder, {@code repository:freeze} and {@code repository:unfreeze}. */
@ExtendWith(TestInstallations.class)
class FreezeParityIT {
    private TestInstallation parceler;

    @BeforeEach
    void open(TestInstallation parceler) {
        this.parceler = parceler;
    }

    private Optional<String> freeze(String repository) {
        return parceler.installation().repositoryComponents().repositories().get(repository).freeze();
    }

    private void fiveFolders(String repository) {
        for (String folder : List.of(daysAgo(8), daysAgo(6), daysAgo(5), daysAgo(4), "cool_custom_directory")) {
            parceler.snapshot(repository, folder);
        }
    }

    private void succeeds(String line, String... arguments) {
        ConsoleResult result = parceler.run(arguments);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines()).containsExactly(line);
    }

    @Test
    @DisplayName("it returns frozen directory")
    void theServedFolderIsTheDelaysUntilFrozenThenTheFrozenOne() {
        parceler.createRepository("base", 7);
        parceler.snapshot("base", daysAgo(6));
        assertThat(parceler.run("repository:list").out()).contains("snapshots/base/" + daysAgo(6));

        parceler.snapshot("base", "frozen");
        succeeds("Freezing repository 'base' to 'frozen'...", "repository:freeze", "base", "frozen");

        assertThat(parceler.run("repository:list").out()).contains("snapshots/base/frozen").doesNotContain(daysAgo(6));
    }

    @Test
    @DisplayName("it cannot freeze not existing directory")
    void anUnknownRepositoryCannotBeFrozen() {
        parceler.refuses("Repository 'wrong_repo' not found.", "repository:freeze", "wrong_repo");
    }

    @Test
    @DisplayName("it cannot freeze already frozen repository")
    void aFrozenRepositoryCannotBeFrozenAgain() {
        parceler.createRepository("base", 7);
        parceler.snapshot("base", "frozen");
        succeeds("Freezing repository 'base' to 'frozen'...", "repository:freeze", "base", "frozen");

        parceler.refuses("Repository 'base' is already frozen.", "repository:freeze", "base");
    }

    @Test
    @DisplayName("it can freeze repository with custom directory")
    void aRepositoryIsFrozenOnTheFolderGiven() {
        parceler.createRepository("base", 7);
        fiveFolders("base");

        succeeds("Freezing repository 'base' to 'cool_custom_directory'...", "repository:freeze", "base", "cool_custom_directory");

        assertThat(freeze("base")).contains("cool_custom_directory");
    }

    @Test
    @DisplayName("it can freeze repository")
    void aRepositoryIsFrozenOnTheFolderItServes() {
        parceler.createRepository("base", 7);
        fiveFolders("base");

        succeeds("Freezing repository 'base' to '" + daysAgo(6) + "'...", "repository:freeze", "base");

        assertThat(freeze("base")).contains(daysAgo(6));
    }

    @Test
    @DisplayName("it cannot unfroze not existing repository")
    void anUnknownRepositoryCannotBeUnfrozen() {
        parceler.refuses("Repository 'wrong_repo' not found.", "repository:unfreeze", "wrong_repo");
    }

    @Test
    @DisplayName("it cannot unfreeze not frozen repository")
    void aRepositoryNotFrozenCannotBeUnfrozen() {
        parceler.createRepository("base", 7);

        parceler.refuses("Repository 'base' is not frozen.", "repository:unfreeze", "base");
    }

    @Test
    @DisplayName("it can unfreeze repository")
    void aFrozenRepositoryIsUnfrozen() {
        parceler.createRepository("base", 7);
        parceler.snapshot("base", "frozen");
        succeeds("Freezing repository 'base' to 'frozen'...", "repository:freeze", "base", "frozen");

        succeeds("Unfreezing repository 'base'...", "repository:unfreeze", "base");

        assertThat(freeze("base")).isEmpty();
    }
}
