package dev.parceler.download;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which mirrored files a browser would run as a page, and so are sandboxed. */
class ActiveContentTest {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "index.html, true", "INDEX.HTM, true", "page.xhtml, true", "logo.svg, true", "logo.svgz, true", "feed.xml, true",
        "style.xsl, true", "archive.mhtml, true",
        "Packages, false", "Packages.gz, false", "Packages.sig, false", "packages.adb, false", "luci_1.0_all.ipk, false",
        "notes.txt, false", "html, false", "image.img.gz, false",
    })
    void pagesScriptsCanRunInAreSandboxed(String name, boolean active) {
        assertThat(ActiveContent.active(name)).isEqualTo(active);
    }
}
