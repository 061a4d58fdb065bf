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
        store = installation.installation().repositoryComponents().repositories();
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

    @Test
    void everyWriteThatChangesWhatIsServedMovesTheCounterAndOnlyThose() {
        store.create(new NewRepository("base", "true", Optional.empty(), 7));
        dev.parceler.snapshot.SnapshotChanges changes = installation.installation().snapshotComponents().changes();
        RingStore rings = installation.installation().repositoryComponents().rings();
        java.util.List<String> moved = new java.util.ArrayList<>();
        java.util.function.BiConsumer<String, Runnable> write = (what, change) -> {
            long before = changes.count("base");
            change.run();
            if (changes.count("base") != before) {
                moved.add(what);
            }
        };

        write.accept("freeze", () -> store.freeze("base", "known-good"));
        write.accept("freeze again (refused)", () -> store.freeze("base", "other"));
        write.accept("unfreeze", () -> store.unfreeze("base"));
        write.accept("unfreeze again (nothing)", () -> store.unfreeze("base"));
        write.accept("rollback", () -> store.rollBack("base", "known-good"));
        write.accept("release", () -> store.released("base", "2026-11-21T00:00:00+00:00"));
        write.accept("fast lane", () -> store.openFastLane("base", new FastLane("packages/x86_64", "2026-11-21T00:00:00+00:00")));
        write.accept("fast lane closed", () -> store.closeFastLane("base"));
        write.accept("halt", () -> store.halt("base"));
        write.accept("resume", () -> store.resume("base"));
        write.accept("edit", () -> store.edit("base", new RepositorySettings("true", Optional.empty(), 3, false)));
        write.accept("ring added", () -> rings.add("base", new Ring("early", 0, 1, 10, java.util.Set.of()), 1));
        write.accept("ring removed", () -> rings.remove("base", "early"));
        write.accept("freeze of another repository", () -> {
            store.create(new NewRepository("other", "true", Optional.empty(), 7));
            store.freeze("other", "known-good");
        });

        assertThat(moved).containsExactly("freeze", "unfreeze", "rollback", "release", "fast lane", "fast lane closed", "halt",
                "resume", "edit", "ring added", "ring removed");
    }
}
