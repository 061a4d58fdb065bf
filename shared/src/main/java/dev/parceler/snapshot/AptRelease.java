package dev.parceler.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of an apt {@code Release} file (or of the text {@code InRelease} signs) the feed check
 * uses: its {@code SHA256} list, each line "hash size path", the path relative to the Release
 * file's folder. apt takes an index only when its hash is the one listed here, so this list is
 * what ties every {@code Packages} file to the signature.
 */
record AptRelease(List<Listed> sha256, boolean byHash) {
    /** The most files one Release may list: Debian's main suite lists a few thousand. */
    static final int MAX_LISTED = 200_000;

    record Listed(String path, long size, String sha256) {
    }

    /** The Release read from its text; empty when it has no SHA256 list (apt refuses such a Release). */
    static Optional<AptRelease> parse(byte[] text) throws FeedCheck.IndexLimit {
        List<Listed> listed = new ArrayList<>();
        boolean inSha256 = false;
        boolean sawSha256 = false;
        boolean byHash = false;
        for (String line : new String(text, StandardCharsets.UTF_8).split("\n")) {
            line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!line.startsWith(" ") && !line.startsWith("\t")) {
                inSha256 = line.startsWith("SHA256:");
                sawSha256 |= inSha256;
                if (line.startsWith("Acquire-By-Hash:")) {
                    byHash = line.substring("Acquire-By-Hash:".length()).strip().equalsIgnoreCase("yes");
                }
                continue;
            }
            if (!inSha256) {
                continue;
            }
            String[] parts = line.strip().split("\\s+");
            if (parts.length != 3 || !parts[0].matches("[0-9a-fA-F]{64}") || !parts[1].matches("[0-9]{1,18}")) {
                continue; // apt skips a line it cannot read too
            }
            if (listed.size() == MAX_LISTED) {
                throw new FeedCheck.IndexLimit("lists more than " + MAX_LISTED + " files: it is not a Release file");
            }
            listed.add(new Listed(parts[2], Long.parseLong(parts[1]), parts[0].toLowerCase(java.util.Locale.ROOT)));
        }
        return sawSha256 ? Optional.of(new AptRelease(List.copyOf(listed), byHash)) : Optional.empty();
    }
}
