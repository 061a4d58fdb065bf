package dev.parceler.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where an index's {@code Filename} points, per layout: opkg's folder, Debian's repository root, a flat apt folder. */
class FeedCheckLayoutTest {
    private static List<String> problems(String indexPath, String index, String... files) {
        byte[] bytes = index.getBytes(StandardCharsets.UTF_8);
        List<Manifest.Entry> entries = new java.util.ArrayList<>();
        entries.add(new Manifest.Entry(indexPath, bytes.length, 0, null));
        for (String file : files) {
            entries.add(new Manifest.Entry(file, 3, 0, null));
        }
        return new FeedCheck().problems(new Manifest(1, entries), Set.of(), Set.of(), path -> new ByteArrayInputStream(bytes));
    }

    @Test
    void aDebianDistsIndexNamesFilesFromTheRepositoryRoot() {
        String index = "Package: p\nVersion: 2.0\nFilename: pool/main/p/p_2.0_all.deb\nSize: 3\n\n";
        assertThat(problems("dists/stable/main/binary-all/Packages", index, "pool/main/p/p_2.0_all.deb")).isEmpty();
        assertThat(problems("debian/dists/stable/main/binary-all/Packages", index, "debian/pool/main/p/p_2.0_all.deb")).isEmpty();
        assertThat(problems("dists/stable/main/binary-all/Packages", index))
                .containsExactly("pool/main/p/p_2.0_all.deb is missing (p 2.0 in dists/stable/main/binary-all/Packages)");
    }

    @Test
    void opkgAndFlatAptIndexesNameFilesFromTheirFolder() {
        assertThat(problems("packages/x86_64/base/Packages", "Package: a\nFilename: a.ipk\nSize: 3\n", "packages/x86_64/base/a.ipk"))
                .isEmpty();
        assertThat(problems("flat/Packages", "Package: a\nFilename: ./a_1_all.deb\nSize: 3\n", "flat/a_1_all.deb")).isEmpty();
        assertThat(problems("flat/Packages", "Package: a\nFilename: ../a.deb\nSize: 3\n", "a.deb"))
                .containsExactly("flat/Packages lists ../a.deb (a), outside its folder");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"Packages, true", "Packages.gz, true", "Packages.xz, true", "packages.adb, true", "APKINDEX.tar.gz, true",
        "InRelease, true", "Release, true", "Release.gpg, true", "Packages.sig, false", "luci_1.0_all.ipk, false", "Contents-all, false"})
    void feedIndexesAreTheFilesThatNameTheOthers(String name, boolean index) {
        assertThat(SwitchGrace.isIndex(name)).isEqualTo(index);
    }
}
