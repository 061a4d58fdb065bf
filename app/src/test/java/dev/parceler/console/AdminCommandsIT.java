package dev.parceler.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.admin.AdminStore;
import dev.parceler.admin.PasswordHash;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.ParcelerProcess;
import dev.parceler.testing.TestInstallation;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code admin:create}, {@code admin:list}, {@code admin:password} and {@code admin:delete} as an operator runs them from the jar. */
class AdminCommandsIT {
    static final Map<String, String> UTC = Map.of("APP_TIMEZONE", "UTC");

    @TempDir
    Path home;

    private ConsoleResult run(String input, String... arguments) {
        return ParcelerProcess.run(ParcelerProcess.builder(home, UTC, ParcelerProcess.javaCommand(arguments)), input);
    }

    private boolean signsIn(String name, String password) {
        try (TestInstallation parceler = TestInstallation.in(home)) {
            return new AdminStore(parceler.installation().database().dataSource(), new PasswordHash(new SecureRandom()),
                    parceler.clock()).authenticate(name, password).isPresent();
        }
    }

    @Test
    void anAdminIsCreatedListedGivenANewPasswordAndDeleted() {
        ConsoleResult created = run("first password 1\n", "admin:create", "alice", "--password-stdin");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.out()).isEqualTo("Admin 'alice' created.\n");
        assertThat(signsIn("alice", "first password 1")).isTrue();
        assertThat(signsIn("alice", "first password 1\n")).as("the newline of echo is not part of it").isFalse();

        ConsoleResult listed = run("", "admin:list");
        assertThat(listed.outLines().get(0)).startsWith("Name").contains("Created");
        assertThat(listed.outLines()).hasSize(2);
        assertThat(listed.outLines().get(1)).startsWith("alice ");
        assertThat(run("", "admin:list", "--json").out()).contains("\"name\" : \"alice\"").doesNotContain("argon2");

        ConsoleResult changed = run("second password 2", "admin:password", "alice", "--password-stdin");
        assertThat(changed.out()).as(changed.toString()).isEqualTo("Password of admin 'alice' changed.\n");
        assertThat(signsIn("alice", "first password 1")).isFalse();
        assertThat(signsIn("alice", "second password 2")).isTrue();

        assertThat(run("", "admin:delete", "alice").out()).isEqualTo("Admin 'alice' deleted.\n");
        assertThat(signsIn("alice", "second password 2")).isFalse();
        assertThat(run("", "admin:list").outLines()).hasSize(1);
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        assertThat(run("", "admin:create", "alice", "--password-stdin").errLines()).containsExactly("No password on standard input.");
        assertThat(run("short\n", "admin:create", "alice", "--password-stdin").errLines())
                .containsExactly("The password must have at least 10 characters.");
        ConsoleResult badName = run("long enough password\n", "admin:create", "al ice", "--password-stdin");
        assertThat(badName.exitCode()).isEqualTo(1);
        assertThat(badName.errLines().get(0)).startsWith("An admin name is 1 to 64 letters");
        assertThat(run("", "admin:create", "alice").errLines())
                .containsExactly("No terminal to ask for the password: give it on standard input with --password-stdin.");
        assertThat(run("long enough password\n", "admin:create", "alice", "--password-stdin").exitCode()).isZero();
        ConsoleResult twice = run("another password 3\n", "admin:create", "alice", "--password-stdin");
        assertThat(twice.exitCode()).isEqualTo(1);
        assertThat(twice.errLines()).containsExactly("Admin 'alice' already exists.");
        assertThat(signsIn("alice", "long enough password")).as("the first password stays").isTrue();
        assertThat(run("", "admin:delete", "bob").errLines()).containsExactly("Admin 'bob' not found.");
        assertThat(run("new password 12\n", "admin:password", "bob", "--password-stdin").errLines()).containsExactly("Admin 'bob' not found.");
    }
}
