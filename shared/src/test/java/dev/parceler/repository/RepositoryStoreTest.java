package dev.parceler.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The repositories table's contract; {@link RepositoryStorePostgresIT} runs it on PostgreSQL. */
@ExtendWith(TestInstallations.class)
class RepositoryStoreTest {
    private TestInstallation installation;
    private RepositoryStore store;

    @BeforeEach
    void open(TestInstallation installation) {
        this.installation = installation;
        store = installation.installation().repositories();
    }

    @Test
    void createsAndReadsBackEveryColumn() {
        Repository created = store.create(new NewRepository("base", "rclone sync up: $PARCELER_SOURCE_DIR",
                Optional.of("packages"), 3));

        assertThat(created.name()).isEqualTo("base");
        assertThat(created.command()).isEqualTo("rclone sync up: $PARCELER_SOURCE_DIR");
        assertThat(created.subDir()).contains("packages");
        assertThat(created.delay()).isEqualTo(3);
        assertThat(created.freeze()).isEmpty();
        assertThat(created.createdAt()).isEqualTo(Instant.parse("2026-11-21T12:00:00Z"));
        assertThat(store.find("base")).contains(created);
        assertThat(store.find("other")).isEmpty();
    }

    @Test
    void namesAreUnique() {
        store.create(new NewRepository("base", "true", Optional.empty(), 7));

        assertThatThrownBy(() -> store.create(new NewRepository("base", "false", Optional.empty(), 1)))
                .isInstanceOf(InvalidRepositoryException.class)
                .hasMessage("A repository named 'base' already exists.");
        assertThat(store.all()).singleElement().extracting(Repository::command).isEqualTo("true");
    }

    @Test
    void freezeAndUnfreezeAreConditional() {
        store.create(new NewRepository("base", "true", Optional.empty(), 7));
        installation.clock().advance(Duration.ofHours(1));

        assertThat(store.freeze("base", "good")).isTrue();
        assertThat(store.freeze("base", "other")).isFalse();
        assertThat(store.get("base").freeze()).contains("good");
        assertThat(store.get("base").updatedAt()).isEqualTo(Instant.parse("2026-11-21T13:00:00Z"));
        assertThat(store.unfreeze("base")).isTrue();
        assertThat(store.unfreeze("base")).isFalse();
        assertThat(store.freeze("missing", "x")).isFalse();
        assertThatThrownBy(() -> store.get("missing")).isInstanceOf(RepositoryNotFoundException.class)
                .hasMessage("Repository 'missing' not found.");
    }

    @Test
    void listsByName() {
        store.create(new NewRepository("zeta", "true", Optional.empty(), 7));
        store.create(new NewRepository("alpha", "true", Optional.empty(), 7));

        assertThat(store.all()).extracting(Repository::name).containsExactly("alpha", "zeta");
    }
}
