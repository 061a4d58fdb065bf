package dev.parceler.laravel;

import static dev.parceler.testing.HttpProbe.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.ExternalBinary;
import dev.parceler.testing.OpkgFeed;
import dev.parceler.testing.RunningService;
import dev.parceler.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator of the Laravel Parceler moves in with one command: a database made by Laravel's own
 * schema builder and Eloquent (src/test/resources/laravel/make-database.php, Debian's
 * php-laravel-framework), the Laravel storage folder with its snapshots and source copies, and its
 * .env. Afterwards a machine downloads the same snapshot as before, through the real server.
 */
class LaravelMoveInIT {
    private static final String MACHINE = basic("machine-1", "good-secret");

    @TempDir
    Path home;
    private RunningService service;
    private Path laravel;
    private Path database;

    @BeforeEach
    void start() throws Exception {
        Path php = ExternalBinary.require("php");
        ExternalBinary.requireFile(Path.of("/usr/share/php/Illuminate/autoload.php"), "php-laravel-framework");
        laravel = home.resolve("laravel");
        Path storage = laravel.resolve("storage/app");
        // Three snapshots of base as the Laravel application made them (no manifest), its source copy, and a hand-made folder.
        for (String snapshot : List.of("2026-11-10T00:00:00+00:00", "2026-11-16T00:00:00+00:00", "2026-11-20T00:00:00+00:00")) {
            new OpkgFeed(storage.resolve("snapshots/base/" + snapshot)).put("base-files", snapshot.substring(0, 10), "files of " + snapshot)
                    .publish();
        }
        new OpkgFeed(storage.resolve("source/base")).put("base-files", "2026-11-21", "upstream now").publish();
        new OpkgFeed(storage.resolve("snapshots/frozen/known-good")).put("luci", "1.0", "luci").publish();
        Path repositories = Trees.write(home.resolve("repositories.json"), """
                [{"name": "base", "command": "rclone sync upstream:base \\"$PARCELER_SOURCE_DIR\\"", "sub_dir": null, "delay": 7, "freeze": null},
                 {"name": "frozen", "command": "rclone sync upstream:frozen .", "sub_dir": "packages", "delay": 3, "freeze": "known-good"},
                 {"name": "lost-freeze", "command": "true", "sub_dir": null, "delay": 1, "freeze": "2025-01-01T00:00:00+00:00"},
                 {"name": "bad name", "command": "true", "sub_dir": null, "delay": 7, "freeze": null}]
                """);
        database = laravel.resolve("database/database.sqlite");
        Files.createDirectories(database.getParent());
        Process make = new ProcessBuilder(php.toString(), resource("make-database.php"), database.toString(), repositories.toString())
                .redirectErrorStream(true).start();
        String made = new String(make.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(make.waitFor(60, TimeUnit.SECONDS) && make.exitValue() == 0).as(made).isTrue();
        Trees.write(laravel.resolve(".env"), "APP_ENV=production\nAPP_KEY=base64:c2VjcmV0\nAPP_TIMEZONE=UTC\nSESSION_DRIVER=redis\n"
                + "REDIS_HOST=redis\nREPOSITORY_MILESTONE_TOKEN=s3cr3t-token\nFILESYSTEM_DISK=local\nSOMETHING_ELSE=1\n");

        service = RunningService.start(home.resolve("parceler"), Map.of("APP_TIMEZONE", "UTC"));
        service.subscriptions().community("good-secret", "2027-01-01T00:00:00Z");
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private static String resource(String name) {
        return Path.of("src/test/resources/laravel", name).toAbsolutePath().toString();
    }

    private ConsoleResult importLaravel(String... more) {
        List<String> arguments = new java.util.ArrayList<>(List.of("import:laravel", database.toString(), "--storage",
                laravel.resolve("storage/app").toString(), "--env", laravel.resolve(".env").toString()));
        arguments.addAll(List.of(more));
        return service.parceler().run(arguments.toArray(String[]::new));
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theLaravelInstallationMovesInWithOneCommandAndServesTheSameSnapshot() throws Exception {
        String laravelDatabase = sha256(database);
        ConsoleResult dry = importLaravel("--dry-run");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("Repository 'base' would be created: delay 7 days, source folder ''.",
                "Snapshot base/2026-11-16T00:00:00+00:00 would be adopted", "Dry run: ", "nothing was changed.");
        assertThat(service.parceler().installation().repositoryComponents().repositories().all()).as("a dry run changes nothing").isEmpty();

        long start = System.nanoTime();
        ConsoleResult moved = importLaravel();
        long took = (System.nanoTime() - start) / 1_000_000;
        System.out.println("import:laravel of 4 repositories and 4 snapshots: " + took + " ms\n" + moved.out());
        assertThat(moved.exitCode()).as(moved.toString()).isZero();
        assertThat(moved.outLines()).contains(
                "Laravel .env (8 variables):",
                "  APP_ENV: not needed (a setting of the Laravel framework)",
                "  APP_KEY: taken",
                "  REPOSITORY_MILESTONE_TOKEN: renamed REPOSITORY_RELEASE_TOKEN (the old name is still read)",
                "  SOMETHING_ELSE: unknown, not read",
                "Repository 'base' created: delay 7 days, source folder ''.",
                "Repository 'frozen' created: delay 3 days, source folder 'packages'.",
                "Repository 'frozen' frozen on known-good.",
                "Repository 'lost-freeze' not frozen: its freeze names a folder that is not there (2025-01-01T00:00:00+00:00).",
                "Repository 'bad name' (Laravel id 4) not taken: The repository name 'bad name' may only contain letters, digits, dashes"
                        + " and underscores (at most 100).",
                "Queued Laravel jobs not taken (App\\Jobs\\SyncRepository x1): stop the Laravel workers, then run repo:sync for the"
                        + " repositories they were for.");
        assertThat(moved.out()).contains("Snapshot base/2026-11-16T00:00:00+00:00 adopted: 4 files, ", "feed check passed.")
                .doesNotContain("s3cr3t-token", "c2VjcmV0");
        assertThat(sha256(database)).as("the Laravel database is read, never changed").isEqualTo(laravelDatabase);

        // The snapshot the Laravel application served (the oldest within the 7 days before 2026-11-21T12:00Z), now from Parceler.
        assertThat(service.parceler().run("repo:list").out()).contains("| base ", "snapshots/base/2026-11-16T00:00:00+00:00",
                "| frozen ", "| Yes ", "snapshots/frozen/known-good");
        assertThat(service.http().get("/repository/community/base/Packages", "Authorization: " + MACHINE).text())
                .contains("Version: 2026-11-16");
        assertThat(service.http().get("/repository/community/base/base-files_2026-11-16_all.ipk", "Authorization: " + MACHINE).text())
                .isEqualTo("files of 2026-11-16T00:00:00+00:00");
        assertThat(service.parceler().run("repo:files", "base").out()).contains("base-files_2026-11-16_all.ipk");
        Path taken = service.parceler().storageRoot().resolve("snapshots/base/2026-11-16T00:00:00+00:00/base-files_2026-11-16_all.ipk");
        assertThat(Files.getAttribute(taken, "unix:ino")).as("taken as a hard link, not copied")
                .isEqualTo(Files.getAttribute(laravel.resolve("storage/app/snapshots/base/2026-11-16T00:00:00+00:00/base-files_2026-11-16_all.ipk"),
                        "unix:ino"));
        assertThat(service.parceler().storageRoot().resolve("source/base/Packages")).exists();

        List<String> before = service.parceler().storedContent();
        ConsoleResult again = importLaravel();
        assertThat(again.outLines()).contains("Nothing to do: everything is in place.").noneMatch(line -> line.contains("created"));
        assertThat(service.parceler().storedContent()).as("a second run changes nothing").isEqualTo(before);
    }

    @Test
    void whatIsNotALaravelDatabaseIsRefusedWithOneLine() throws IOException {
        Path notADatabase = Trees.write(home.resolve("notes.sqlite"), "not a database");
        service.parceler().refuses(notADatabase + " is not a Laravel Parceler database: it has no repositories table.",
                "import:laravel", notADatabase.toString());
        service.parceler().refuses("There is no Laravel database at " + home.resolve("missing.sqlite") + ".", "import:laravel",
                home.resolve("missing.sqlite").toString());
        assertThat(service.parceler().installation().repositoryComponents().repositories().all()).isEmpty();
    }
}
