package dev.parceler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.database.MetaValues;
import dev.parceler.notify.Noticeboard;
import dev.parceler.testing.TestInstallation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served snapshot watched as time passes (the installation's clock stands at 2026-11-21T12:00Z):
 * a held-back snapshot going live, a repository serving one snapshot too long, each told once and
 * to the webhooks that take the event; a freeze and a release are not told here.
 */
class ServedNoticesTest {
    static final String FIRST = "2026-11-20T18:00:00+00:00";
    static final String SECOND = "2026-11-21T06:00:00+00:00";

    @TempDir
    Path home;
    private TestInstallation parceler;
    private ServedNotices served;

    @BeforeEach
    void open() {
        parceler = TestInstallation.in(home);
        parceler.env("NOTIFY_WEBHOOKS", "http://127.0.0.1:9/every-event, http://127.0.0.1:9/stale-only#repository_stale");
        served = new ServedNotices(parceler.installation().settings().notices(),
                new Noticeboard(parceler.installation().database().dataSource()), parceler.installation().repositoryComponents().repositories(),
                parceler.installation().snapshotComponents().catalog(), new MetaValues(parceler.installation().database().dataSource()));
        parceler.createRepository("base", 1);
        parceler.snapshot("base", FIRST);
        parceler.snapshot("base", SECOND);
    }

    @AfterEach
    void close() {
        parceler.close();
    }

    private List<String> notices() {
        List<String> notices = new ArrayList<>();
        try (Connection connection = parceler.installation().database().dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT target, kind, body FROM notices ORDER BY created_at, notice_key")) {
            while (rows.next()) {
                notices.add(rows.getInt(1) + " " + rows.getString(2) + ": " + rows.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return notices;
    }

    private void lookAfter(Duration duration) {
        parceler.clock().advance(duration);
        served.find(parceler.clock().instant());
    }

    @Test
    void aHeldBackSnapshotGoingLiveIsToldOnceToTheWebhooksTakingIt() {
        lookAfter(Duration.ZERO);
        assertThat(notices()).as("the first look only notes what is served").isEmpty();

        lookAfter(Duration.ofHours(8));

        assertThat(notices()).containsExactly("0 snapshot_live: base: now serving " + SECOND + ", held back 1 days; was " + FIRST);
        lookAfter(Duration.ofMinutes(5));
        assertThat(notices()).hasSize(1);
    }

    @Test
    void aRepositoryServingOneSnapshotTooLongIsToldOnceUntilItServesAnother() {
        lookAfter(Duration.ZERO);
        lookAfter(Duration.ofHours(8));
        lookAfter(Duration.ofHours(47));
        assertThat(notices()).hasSize(1);

        lookAfter(Duration.ofHours(2));

        assertThat(notices()).hasSize(3).contains(
                "0 repository_stale: base: has served " + SECOND + " since 2026-11-21T20:00:00Z (49 hours): no newer snapshot"
                        + " reached machines; see repo:runs base",
                "1 repository_stale: base: has served " + SECOND + " since 2026-11-21T20:00:00Z (49 hours): no newer snapshot"
                        + " reached machines; see repo:runs base");
        lookAfter(Duration.ofHours(24));
        assertThat(notices()).as("told once").hasSize(3);

        String third = "2026-11-23T21:00:00+00:00";
        parceler.snapshot("base", third);
        lookAfter(Duration.ofMinutes(1));
        assertThat(notices()).hasSize(4).last().asString().startsWith("0 snapshot_live: base: now serving " + third);
    }

    @Test
    void aFrozenOrReleasedRepositoryIsNotToldHere() {
        lookAfter(Duration.ZERO);
        parceler.installation().snapshotComponents().freezes().freeze("base", SECOND);
        lookAfter(Duration.ofDays(5));
        assertThat(notices()).as("a freeze is told as the action it was, and never goes stale").isEmpty();

        parceler.installation().snapshotComponents().freezes().unfreeze("base");
        String release = "2026-11-26T12:01:00+00:00";
        parceler.snapshot("base", release);
        parceler.installation().repositoryComponents().repositories().released("base", release);
        lookAfter(Duration.ofMinutes(1));
        assertThat(notices()).as("a release is told as the release").isEmpty();
    }
}
