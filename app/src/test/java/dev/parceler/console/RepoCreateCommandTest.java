package dev.parceler.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.repository.Repository;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(TestInstallations.class)
class RepoCreateCommandTest {
    private TestInstallation parceler;

    @BeforeEach
    void start(TestInstallation parceler) {
        this.parceler = parceler;
    }

    @Test
    void flagsAnswerEveryQuestion() {
        ConsoleResult result = parceler.run("repo:create", "--name", "nethsecurity", "--command", "rclone sync up: x",
                "--source-folder", "packages", "--delay", "3", "--no-sync");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines()).containsExactly("Repository 'nethsecurity' created.");
        assertThat(result.err()).isEmpty();
        Repository created = parceler.installation().repositoryComponents().repositories().get("nethsecurity");
        assertThat(created.command()).isEqualTo("rclone sync up: x");
        assertThat(created.subDir()).contains("packages");
        assertThat(created.delay()).isEqualTo(3);
    }

    @Test
    void theOldCommandNameIsAnAlias() {
        ConsoleResult result = parceler.run("repository:create", "--name", "base", "--command", "true",
                "--source-folder", "", "--delay", "0", "--no-sync");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(parceler.installation().repositoryComponents().repositories().get("base").subDir()).isEmpty();
    }

    @Test
    void aTerminalIsAskedEachQuestionInOrderWithDefaults() {
        ConsoleResult result = parceler.runAnswering("base\nrclone sync up: x\n\n\nno\n", "repo:create");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsSubsequence(
                "What is the name of the repository?",
                "Provide the command to be ran to sync this repository.",
                "Provide the folder where the data is.",
                "Please provide how much time the repository must be kept back from upstream. [7]",
                "Do you want to sync the repository now? [yes]",
                "Repository 'base' created.");
        Repository created = parceler.installation().repositoryComponents().repositories().get("base");
        assertThat(created.delay()).as("blank takes the default of 7 days").isEqualTo(7);
        assertThat(created.subDir()).as("blank source folder means none").isEmpty();
    }

    @Test
    void aTerminalIsAskedAgainAfterABadAnswer() {
        parceler.createRepository("taken", 7);

        ConsoleResult result = parceler.runAnswering("bad name\ntaken\nfresh\ntrue\n\n-1\nseven\n2\nmaybe\nno\n", "repo:create");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsSubsequence(
                "may only contain letters, digits, dashes and underscores",
                "A repository named 'taken' already exists.",
                "The delay must be a whole number of days from 0 to 36500, got '-1'.",
                "The delay must be a whole number of days from 0 to 36500, got 'seven'.",
                "Please answer yes or no, got 'maybe'.",
                "Repository 'fresh' created.");
        assertThat(parceler.installation().repositoryComponents().repositories().get("fresh").delay()).isEqualTo(2);
    }

    @Test
    void theEndOfInputOnATerminalCreatesNothing() {
        List<String> before = parceler.databaseContent();

        ConsoleResult result = parceler.runAnswering("base\n", "repo:create");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly(
                "No answer to 'Provide the command to be ran to sync this repository.'; nothing was created.");
        assertThat(parceler.databaseContent()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no name|--command,true,--source-folder,,--delay,7,--sync|Missing --name: there is no terminal to ask 'What is the name of the repository?'",
        "no command|--name,base,--source-folder,,--delay,7,--sync|Missing --command: there is no terminal to ask 'Provide the command to be ran to sync this repository.'",
        "no folder|--name,base,--command,true,--delay,7,--sync|Missing --source-folder: there is no terminal to ask 'Provide the folder where the data is.'",
        "no delay|--name,base,--command,true,--source-folder,,--sync|Missing --delay: there is no terminal to ask 'Please provide how much time the repository must be kept back from upstream.'",
        "no sync answer|--name,base,--command,true,--source-folder,,--delay,7|Missing --sync/--no-sync: there is no terminal to ask 'Do you want to sync the repository now?'",
        "invalid name|--name,bad name,--command,true,--source-folder,,--delay,7,--no-sync|The repository name 'bad name' may only contain letters, digits, dashes and underscores (at most 100).",
        "empty name|--name,,--command,true,--source-folder,,--delay,7,--no-sync|The repository name is required.",
        "leading dash|--name=-dash,--command,true,--source-folder,,--delay,7,--no-sync|The repository name '-dash' may not start with a dash.",
        "empty command|--name,base,--command,,--source-folder,,--delay,7,--no-sync|The sync command is required.",
        "negative delay|--name,base,--command,true,--source-folder,,--delay,-1,--no-sync|The delay must be a whole number of days from 0 to 36500, got '-1'.",
        "text delay|--name,base,--command,true,--source-folder,,--delay,seven,--no-sync|The delay must be a whole number of days from 0 to 36500, got 'seven'.",
        "escaping folder|--name,base,--command,true,--source-folder,../etc,--delay,7,--no-sync|The source folder '../etc' must be a relative path inside the synced copy, without '.' or '..'.",
        "duplicate|--name,existing,--command,true,--source-folder,,--delay,7,--no-sync|A repository named 'existing' already exists.",
    })
    void badInputGetsOneLineExitOneAndChangesNothing(String label, String arguments, String error) {
        parceler.createRepository("existing", 7);

        ConsoleResult result = parceler.refuses(error, ("repo:create," + arguments).split(",", -1));

        assertThat(result.out()).isEmpty();
    }
}
