package dev.parceler.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The extension's promise: one installation per test, the same in its set-up and its body, in a
 * folder of its own that is removed when the test ends; its tables in a SQLite file here, on
 * PostgreSQL in {@link TestInstallationsPostgresIT}.
 */
@ExtendWith(TestInstallations.class)
class TestInstallationsTest {
    private static Path lastHome;
    private TestInstallation fromSetUp;

    @BeforeEach
    void start(TestInstallation parceler) {
        fromSetUp = parceler;
    }

    @Test
    void setUpAndTestGetTheSameInstallationInAFolderOfItsOwn(TestInstallation parceler) {
        assertThat(parceler).isSameAs(fromSetUp);
        assertThat(parceler.home()).isDirectory();
        lastHome = parceler.home();
    }

    @Test
    void theTablesAreWhereTheClassSays(TestInstallation parceler) {
        String database = parceler.installation().database().describe();
        if (this instanceof TestInstallations.OnPostgres) {
            assertThat(database).startsWith("postgresql://");
        } else {
            assertThat(database).isEqualTo(parceler.databaseFile().toString());
        }
        parceler.createRepository("base", 7);
        assertThat(parceler.installation().repositoryComponents().repositories().get("base").delay()).isEqualTo(7);
    }

    @AfterAll
    static void eachFolderIsRemovedAfterItsTest() {
        assertThat(lastHome).isNotNull();
        assertThat(Files.exists(lastHome)).as(lastHome + " removed after its test").isFalse();
    }
}
