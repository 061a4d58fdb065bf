package dev.parceler.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryRulesTest {

    @Test
    void acceptsLettersDigitsDashesAndUnderscores() {
        assertThat(RepositoryRules.name(" nethsecurity-8_7 ")).isEqualTo("nethsecurity-8_7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space", "dot.name", "slash/name", "ümlaut", "semi;colon", "../up"})
    void refusesOtherNames(String name) {
        assertThatThrownBy(() -> RepositoryRules.name(name)).isInstanceOf(InvalidRepositoryException.class)
                .hasMessageContaining("may only contain letters, digits, dashes and underscores");
    }

    @Test
    void refusesEmptyNamesAndCommands() {
        assertThatThrownBy(() -> RepositoryRules.name("  ")).hasMessage("The repository name is required.");
        assertThatThrownBy(() -> RepositoryRules.command("")).hasMessage("The sync command is required.");
    }

    @Test
    void delayIsAWholeNumberOfDays() {
        assertThat(RepositoryRules.delay("0")).isZero();
        assertThat(RepositoryRules.delay(" 14 ")).isEqualTo(14);
        for (String bad : new String[] {"-1", "seven", "1.5", "", "99999999999", "36501"}) {
            assertThatThrownBy(() -> RepositoryRules.delay(bad)).as(bad)
                    .hasMessageStartingWith("The delay must be a whole number of days from 0 to 36500");
        }
    }

    @Test
    void sourceFolderIsRelativeInsideTheCopy() {
        assertThat(RepositoryRules.subDir("")).isEmpty();
        assertThat(RepositoryRules.subDir("  ")).isEmpty();
        assertThat(RepositoryRules.subDir("packages/x86_64/")).contains("packages/x86_64");
        for (String bad : new String[] {"/abs", "../up", "a/../b", "a//b", "./a", "a\\b"}) {
            assertThatThrownBy(() -> RepositoryRules.subDir(bad)).as(bad)
                    .hasMessageContaining("must be a relative path inside the synced copy");
        }
    }
}
