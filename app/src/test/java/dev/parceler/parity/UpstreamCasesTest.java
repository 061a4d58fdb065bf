package dev.parceler.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Laravel application's own feature tests ({@code tests/Feature} of nethesis/parceler, one
 * line per case in {@code parity/upstream-cases.txt}) are the parity oracle: each upstream file
 * has one class here named after it, and each of its cases one test named as upstream names it,
 * which asserts the upstream expectation or, marked {@link Differs}, the documented difference.
 */
class UpstreamCasesTest {
    static Map<String, List<String>> upstreamCases() throws IOException {
        Map<String, List<String>> cases = new LinkedHashMap<>();
        try (InputStream list = UpstreamCasesTest.class.getResourceAsStream("/parity/upstream-cases.txt")) {
            for (String line : new String(list.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    String[] parts = line.split(" \\| ", 2);
                    cases.computeIfAbsent(parts[0], file -> new ArrayList<>()).add(parts[1]);
                }
            }
        }
        return cases;
    }

    /** {@code Http/MilestoneJobTest.php} is {@code MilestoneJobParityIT}. */
    static String parityClass(String upstreamFile) {
        String base = upstreamFile.substring(upstreamFile.lastIndexOf('/') + 1);
        return UpstreamCasesTest.class.getPackageName() + "." + base.substring(0, base.length() - "Test.php".length()) + "ParityIT";
    }

    @Test
    void everyUpstreamCaseHasItsTestInTheClassNamedAfterItsFile() throws Exception {
        Map<String, List<String>> cases = upstreamCases();
        assertThat(cases.values().stream().mapToInt(List::size).sum()).as("the 93 cases of upstream's suite").isEqualTo(93);
        for (Map.Entry<String, List<String>> file : cases.entrySet()) {
            Class<?> parity = Class.forName(parityClass(file.getKey()));
            List<String> names = new ArrayList<>();
            for (Method method : parity.getDeclaredMethods()) {
                DisplayName name = method.getAnnotation(DisplayName.class);
                if (name != null) {
                    names.add(name.value());
                }
            }
            assertThat(names).as(parity.getSimpleName() + " names each case of " + file.getKey() + " once")
                    .containsExactlyInAnyOrderElementsOf(file.getValue());
        }
    }

    @Test
    void everyDifferenceIsSaidWhereAnOperatorLooks() throws Exception {
        int differences = 0;
        for (String file : upstreamCases().keySet()) {
            for (Method method : Class.forName(parityClass(file)).getDeclaredMethods()) {
                Differs differs = method.getAnnotation(Differs.class);
                if (differs != null) {
                    differences++;
                    Path page = Path.of("..").resolve(differs.page());
                    for (String words : differs.value()) {
                        assertThat(oneLine(Files.readString(page))).as(method.getName() + ": " + differs.page()).contains(oneLine(words));
                    }
                }
            }
        }
        java.util.regex.Matcher said = java.util.regex.Pattern.compile("Of the 93, (\\d+) meet upstream's expectation and (\\d+) differ")
                .matcher(oneLine(Files.readString(Path.of("../docs/migration.md"))));
        assertThat(said.find()).as("docs/migration.md counts the cases").isTrue();
        assertThat(List.of(Integer.parseInt(said.group(1)), Integer.parseInt(said.group(2))))
                .as("the counts docs/migration.md gives").containsExactly(93 - differences, differences);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
