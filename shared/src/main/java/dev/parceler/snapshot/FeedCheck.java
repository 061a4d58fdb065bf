package dev.parceler.snapshot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Checks the feed indexes of a snapshot about to be made, from its manifest, so that a
 * half-published upstream is never served:
 * <ul>
 *   <li>opkg {@code Packages} / {@code Packages.gz}: every file a stanza names ({@code Filename})
 *       is in the snapshot with the stanza's {@code Size} and {@code SHA256sum} (hashes come from
 *       the manifest: computed while copying, or taken over from the previous manifest for linked
 *       files, so nothing is read twice); when both forms are there, the gzipped one holds the
 *       same bytes; {@code Packages.sig} is there when the previous snapshot had one, is not older
 *       than the index, and changed in the same sync as the index;</li>
 *   <li>apk v3 {@code packages.adb}: present and not empty (its binary format is not parsed, so
 *       the package files it names are not checked);</li>
 *   <li>an index of the previous snapshot is not gone while its folder still has files.</li>
 * </ul>
 * usign signatures are not verified against keys.
 */
public final class FeedCheck {
    /** How many problems a failed run records; the rest are counted. */
    public static final int SHOWN_PROBLEMS = 20;
    static final String PACKAGES = "Packages";
    static final String PACKAGES_GZ = "Packages.gz";
    static final String SIGNATURE = "Packages.sig";
    static final String APK_INDEX = "packages.adb";

    /** Opens a file of the snapshot being made by its path relative to the snapshot. */
    @FunctionalInterface
    public interface SnapshotFiles {
        InputStream open(String path) throws IOException;
    }

    /**
     * The problems found, empty when the snapshot may be made.
     *
     * @param unchanged paths whose file is the previous snapshot's (linked), so not from this sync
     * @param previous paths of the previous snapshot's manifest (empty for the first snapshot)
     */
    public List<String> problems(Manifest manifest, Set<String> unchanged, Set<String> previous, SnapshotFiles files) {
        Map<String, Manifest.Entry> byPath = manifest.byPath();
        Map<String, Feed> feeds = new TreeMap<>();
        for (Manifest.Entry entry : manifest.files()) {
            String name = name(entry.path());
            if (name.equals(PACKAGES) || name.equals(PACKAGES_GZ) || name.equals(SIGNATURE) || name.equals(APK_INDEX)) {
                feeds.computeIfAbsent(folder(entry.path()), Feed::new).files.put(name, entry);
            }
        }
        List<String> problems = new ArrayList<>();
        for (Feed feed : feeds.values()) {
            checkOpkg(feed, byPath, unchanged, previous, files, problems);
            Manifest.Entry apk = feed.files.get(APK_INDEX);
            if (apk != null && apk.size() == 0) {
                problems.add(apk.path() + " is empty");
            }
        }
        Set<String> folders = null;
        for (String path : previous) {
            String name = name(path);
            if (!(name.equals(PACKAGES) || name.equals(PACKAGES_GZ) || name.equals(APK_INDEX)) || byPath.containsKey(path)) {
                continue;
            }
            folders = folders == null ? folders(manifest) : folders;
            if (folders.contains(folder(path))) {
                problems.add(path + " is missing (the previous snapshot had it, and its folder still has files)");
            }
        }
        return problems;
    }

    /** The message of a failed check: the first problems and how many there are. */
    public static String summary(List<String> problems) {
        StringBuilder summary = new StringBuilder("feed check failed, ").append(problems.size())
                .append(problems.size() == 1 ? " problem: " : " problems: ");
        summary.append(String.join("; ", problems.subList(0, Math.min(SHOWN_PROBLEMS, problems.size()))));
        if (problems.size() > SHOWN_PROBLEMS) {
            summary.append("; and ").append(problems.size() - SHOWN_PROBLEMS).append(" more");
        }
        return summary.toString();
    }

    private static void checkOpkg(Feed feed, Map<String, Manifest.Entry> byPath, Set<String> unchanged, Set<String> previous,
            SnapshotFiles files, List<String> problems) {
        Manifest.Entry plain = feed.files.get(PACKAGES);
        Manifest.Entry gzipped = feed.files.get(PACKAGES_GZ);
        Manifest.Entry signature = feed.files.get(SIGNATURE);
        if (plain == null && gzipped == null) {
            if (signature != null) {
                problems.add(signature.path() + " has no Packages or Packages.gz beside it");
            }
            return;
        }
        String indexPath = plain != null ? plain.path() : gzipped.path();
        boolean indexChanged = (plain != null && !unchanged.contains(plain.path()))
                || (gzipped != null && !unchanged.contains(gzipped.path()));
        if (signature == null) {
            String expected = feed.path(SIGNATURE);
            if (previous.contains(expected)) {
                problems.add(expected + " is missing (the previous snapshot had it)");
            }
        } else {
            long indexTime = Math.max(plain == null ? 0 : plain.modifiedMillis(), gzipped == null ? 0 : gzipped.modifiedMillis());
            if (signature.modifiedMillis() < indexTime) {
                problems.add(signature.path() + " is older than " + indexPath + ": it signs an earlier index");
            } else if (indexChanged == unchanged.contains(signature.path())) {
                problems.add(signature.path() + (indexChanged ? " did not change with " + indexPath
                        : " changed while " + indexPath + " did not") + ": they are not from the same sync");
            }
        }
        List<Stanza> stanzas;
        try {
            if (plain != null && gzipped != null && indexChanged) {
                // One pass: the gzipped form is parsed while its bytes are hashed against the plain form's.
                MessageDigest digest = sha256Digest();
                stanzas = parse(new DigestInputStream(new GZIPInputStream(files.open(gzipped.path()), 64 * 1024), digest));
                String plainHash = plain.sha256() != null ? plain.sha256() : sha256(files.open(plain.path()));
                if (!HexFormat.of().formatHex(digest.digest()).equals(plainHash)) {
                    problems.add(gzipped.path() + " does not hold the same index as " + plain.path());
                    stanzas = parse(files.open(plain.path()));
                }
            } else {
                stanzas = plain != null ? parse(files.open(plain.path()))
                        : parse(new GZIPInputStream(files.open(gzipped.path()), 64 * 1024));
            }
        } catch (IOException e) {
            problems.add(indexPath + " cannot be read: " + e.getMessage());
            return;
        }
        for (Stanza stanza : stanzas) {
            checkStanza(feed, indexPath, stanza, byPath, problems);
        }
    }

    private static void checkStanza(Feed feed, String indexPath, Stanza stanza, Map<String, Manifest.Entry> byPath,
            List<String> problems) {
        String filename = stanza.filename;
        if (filename == null) {
            return;
        }
        String what = (stanza.name == null ? "?" : stanza.name) + " " + (stanza.version == null ? "" : stanza.version);
        String relative = filename.startsWith("./") ? filename.substring(2) : filename;
        if (relative.startsWith("/") || ("/" + relative + "/").contains("/../")) {
            problems.add(indexPath + " lists " + filename + " (" + what.strip() + "), outside its folder");
            return;
        }
        String path = feed.path(relative);
        Manifest.Entry file = byPath.get(path);
        if (file == null) {
            problems.add(path + " is missing (" + what.strip() + " in " + indexPath + ")");
            return;
        }
        String size = stanza.size;
        if (size != null && !size.equals(Long.toString(file.size()))) {
            problems.add(path + " has " + file.size() + " bytes, " + indexPath + " says " + size);
            return;
        }
        String sha256 = stanza.sha256;
        if (sha256 != null && file.sha256() != null && !sha256.equalsIgnoreCase(file.sha256())) {
            problems.add(path + " does not have the SHA256sum " + indexPath + " gives");
        }
    }

    /**
     * The stanzas of a Packages index: "Field: value" lines, blank lines between packages. Only
     * the fields checked are kept: an index of ten thousand packages is read on every snapshot.
     */
    static List<Stanza> parse(InputStream in) throws IOException {
        List<Stanza> stanzas = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024)) {
            Stanza current = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty() || line.isBlank()) {
                    current = null;
                    continue;
                }
                char first = line.charAt(0);
                if (first == ' ' || first == '\t') {
                    continue;
                }
                if (current == null) {
                    current = new Stanza();
                    stanzas.add(current);
                }
                if (line.startsWith("Package:")) {
                    current.name = line.substring(8).strip();
                } else if (line.startsWith("Version:")) {
                    current.version = line.substring(8).strip();
                } else if (line.startsWith("Filename:")) {
                    current.filename = line.substring(9).strip();
                } else if (line.startsWith("Size:")) {
                    current.size = line.substring(5).strip();
                } else if (line.startsWith("SHA256sum:")) {
                    current.sha256 = line.substring(10).strip();
                }
            }
        }
        return stanzas;
    }

    /** The checked fields of one package of a Packages index; null when absent. */
    static final class Stanza {
        String name;
        String version;
        String filename;
        String size;
        String sha256;
    }

    private static final class Feed {
        final String folder;
        final Map<String, Manifest.Entry> files = new TreeMap<>();

        Feed(String folder) {
            this.folder = folder;
        }

        String path(String relative) {
            return folder.isEmpty() ? relative : folder + "/" + relative;
        }
    }

    private static Set<String> folders(Manifest manifest) {
        Set<String> folders = new java.util.HashSet<>();
        for (Manifest.Entry entry : manifest.files()) {
            folders.add(folder(entry.path()));
        }
        return folders;
    }

    static String folder(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream digesting = new DigestInputStream(in, digest)) {
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
