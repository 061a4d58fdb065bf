package dev.parceler.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.repository.Ring;
import dev.parceler.testing.ConsoleResult;
import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestInstallations.class)
class RingCommandsTest {
    private TestInstallation parceler;


    @BeforeEach
    void start(TestInstallation parceler) {
        this.parceler = parceler;
        parceler.createRepository("base", 7);
    }

    @Test
    void ringsAreAddedInOrderEditedListedAndRemoved() {
        ConsoleResult added = parceler.run("repo:ring:add", "base", "canary", "--delay", "0", "--percent", "5%", "--machines", "lab-1, lab-2");
        assertThat(added.outLines()).as(added.toString())
                .containsExactly("Ring 'canary' added to 'base' at position 1: delay 0 days, 5 % of the machines by hash, 2 listed.");
        parceler.run("repo:ring:add", "base", "late", "--delay", "14");
        parceler.run("repo:ring:add", "base", "early", "--delay", "2", "--percent", "20", "--position", "2");

        assertThat(parceler.installation().repositoryComponents().rings().all("base")).containsExactly(
                new Ring("canary", 1, 0, 5, Set.of("lab-1", "lab-2")), new Ring("early", 2, 2, 20, Set.of()),
                new Ring("late", 3, 14, 0, Set.of()));

        assertThat(parceler.run("repo:ring:edit", "base", "early", "--percent", "30").outLines())
                .containsExactly("Ring 'early' of 'base' updated: delay 2 days, 30 % of the machines by hash, 0 listed.");
        assertThat(parceler.run("repo:ring:list", "base").out()).contains("| 2 | early  | 2 ", "30 %", "lab-1 lab-2");
        assertThat(parceler.run("repo:ring:list", "base", "--json").out()).contains("\"name\" : \"late\"", "\"delay\" : 14");
        assertThat(parceler.run("repo:list").out()).contains("7, 3 rings");

        assertThat(parceler.run("repo:ring:remove", "base", "canary").outLines()).containsExactly("Ring 'canary' removed from 'base'.");
        assertThat(parceler.installation().repositoryComponents().rings().all("base")).extracting(Ring::name).containsExactly("early", "late");
        assertThat(parceler.installation().repositoryComponents().rings().all("base")).extracting(Ring::position).containsExactly(1, 2);
    }

    @Test
    void badRingsAreRefusedAndChangeNothing() {
        parceler.run("repo:ring:add", "base", "canary", "--delay", "0", "--percent", "60");

        parceler.refuses("The rings of 'base' would hold 110 % of the machines; together they may hold 100 % at most.",
                "repo:ring:add", "base", "early", "--delay", "1", "--percent", "50");
        parceler.refuses("The percentage must be a whole number from 0 to 100, got '101'.",
                "repo:ring:add", "base", "early", "--delay", "1", "--percent", "101");
        parceler.refuses("Repository 'base' has a ring named 'canary' already.", "repo:ring:add", "base", "canary", "--delay", "1");
        parceler.refuses("Missing --delay: every ring has a delay of its own.", "repo:ring:add", "base", "early");
        parceler.refuses("The ring name '-x' must be letters, digits, dashes and underscores (at most 100), not starting with a dash.",
                "repo:ring:add", "base", "--delay", "1", "--", "-x");
        parceler.refuses("The system id 'a:b' is not one: printable ASCII without ':', at most 255.",
                "repo:ring:add", "base", "early", "--delay", "1", "--machines", "a:b");
        parceler.refuses("Repository 'base' has no ring named 'none'.", "repo:ring:edit", "base", "none", "--delay", "1");
        parceler.refuses("Nothing to change: give --delay, --percent or --machines.", "repo:ring:edit", "base", "canary");
        parceler.refuses("Repository 'base' has no ring named 'none'.", "repo:ring:remove", "base", "none");
    }

    @Test
    void haltAndResumeSayWhatTheyDo() {
        assertThat(parceler.run("repo:halt", "base").outLines())
                .containsExactly("Rollout of 'base' halted: every ring keeps what it serves ('repo:resume base' ends it).");
        assertThat(parceler.installation().repositoryComponents().repositories().get("base").halted()).contains(parceler.clock().instant());
        assertThat(parceler.run("repo:list", "--json").out()).contains("\"halted\" : \"" + parceler.clock().instant() + "\"");
        parceler.refuses("The rollout of 'base' is halted already.", "repo:halt", "base");

        assertThat(parceler.run("repo:resume", "base").outLines()).containsExactly("Rollout of 'base' resumed.");
        parceler.refuses("The rollout of 'base' is not halted.", "repo:resume", "base");
    }
}
