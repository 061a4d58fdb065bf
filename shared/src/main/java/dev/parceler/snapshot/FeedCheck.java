package dev.parceler.snapshot;

import dev.parceler.digest.Sha256;
import dev.parceler.repository.Repository;
import dev.parceler.signature.ApkIndexSignature;
import dev.parceler.signature.Keyring;
import dev.parceler.signature.OpenPgpSignature;
import dev.parceler.signature.SignatureCheck;
import dev.parceler.signature.UsignSignature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
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
 *   <li>apt {@code InRelease} / {@code Release}: every file of its SHA256 list that the snapshot
 *       has matches the size and hash listed; a {@code by-hash/SHA256/} file has the hash its name
 *       gives;</li>
 *   <li>with the repository's trusted keys ({@code repo:edit --trusted-key}), every index is
 *       signed by one of them: {@code Packages.sig} (usign) verifies {@code Packages}, or
 *       {@code InRelease} / {@code Release.gpg} (OpenPGP) verifies the Release that lists the
 *       index; apk v3's {@code packages.adb} carries its own signatures (apk keys).</li>
 * </ul>
 *
 * <p>An index is read as a stream, a stanza at a time, in bounded memory whatever upstream sends:
 * a line longer than {@link #MAX_LINE} bytes, an index larger than {@code FEED_INDEX_MAX_MB} once
 * decompressed, or more than {@link #MAX_PROBLEMS_PER_INDEX} problems in one index stop its check
 * with one problem that says so (a decompression bomb or an endless line fails the snapshot with
 * that one-line reason, and the worker goes on to its next job).
 */
public final class FeedCheck {
    /** How many problems a failed run records; the rest are counted. */
    public static final int SHOWN_PROBLEMS = 20;
    /** The longest line of an index read: real fields are short; a Debian Description line is at most a few KiB. */
    public static final int MAX_LINE = 1024 * 1024;
    /** Past this many problems in one index, the rest of it is not checked: the snapshot fails either way. */
    public static final int MAX_PROBLEMS_PER_INDEX = 1000;
    /** The default of {@code FEED_INDEX_MAX_MB}: an index of 100,000 packages is about 100 MiB. */
    public static final long DEFAULT_MAX_INDEX_BYTES = 1024L * 1024 * 1024;

    private final long maxIndexBytes;
    private final Function<String, Keyring> keyrings;

    public FeedCheck() {
        this(DEFAULT_MAX_INDEX_BYTES);
    }

    /** @param maxIndexBytes the most bytes one index may hold once decompressed ({@code FEED_INDEX_MAX_MB}) */
    public FeedCheck(long maxIndexBytes) {
        this(maxIndexBytes, repository -> Keyring.NONE);
    }

    /** @param keyrings each repository's trusted keys, by its name, read when a snapshot of it is checked */
    public FeedCheck(long maxIndexBytes, Function<String, Keyring> keyrings) {
        this.maxIndexBytes = maxIndexBytes;
        this.keyrings = keyrings;
    }

    /** The problems of a snapshot of {@code repository} about to be made, checked against its trusted keys. */
    public List<String> problems(Repository repository, Manifest manifest, Set<String> unchanged, Set<String> previous,
            SnapshotFiles files) {
        return problems(keyrings.apply(repository.name()), manifest, unchanged, previous, files);
    }
    static final String PACKAGES = "Packages";
    static final String PACKAGES_GZ = "Packages.gz";
    static final String SIGNATURE = "Packages.sig";
    /** The files whose times the check compares (a signature is not older than its index). */
    static final java.util.Set<String> DATED = java.util.Set.of(PACKAGES, PACKAGES_GZ, SIGNATURE);
    static final String APK_INDEX = "packages.adb";
    static final String IN_RELEASE = "InRelease";
    static final String RELEASE = "Release";
    static final String RELEASE_GPG = "Release.gpg";
    /** The most bytes of a signature file read: a usign signature is two lines, an OpenPGP one a few KiB. */
    static final int MAX_SIGNATURE_BYTES = 64 * 1024;

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
        return problems(Keyring.NONE, manifest, unchanged, previous, files);
    }

    /**
     * As {@link #problems(Manifest, Set, Set, SnapshotFiles)}, and when {@code keys} is not empty,
     * every index must be signed by one of them: an opkg {@code Packages} by its {@code Packages.sig}
     * (usign), an apk v3 {@code packages.adb} by a signature block inside it (an apk key), an apt
     * index by an {@code InRelease} or {@code Release.gpg} (OpenPGP) whose Release lists it with its hash.
     */
    public List<String> problems(Keyring keys, Manifest manifest, Set<String> unchanged, Set<String> previous, SnapshotFiles files) {
        Map<String, Manifest.Entry> byPath = manifest.byPath();
        Map<String, Feed> feeds = new TreeMap<>();
        for (Manifest.Entry entry : manifest.files()) {
            String name = name(entry.path());
            if (name.equals(PACKAGES) || name.equals(PACKAGES_GZ) || name.equals(SIGNATURE) || name.equals(APK_INDEX)
                    || name.equals(IN_RELEASE) || name.equals(RELEASE) || name.equals(RELEASE_GPG)) {
                feeds.computeIfAbsent(folder(entry.path()), Feed::new).files.put(name, entry);
            }
        }
        List<String> problems = new ArrayList<>();
        Set<String> signedByRelease = new java.util.HashSet<>();
        for (Feed feed : feeds.values()) {
            checkApt(keys, feed, byPath, files, problems, signedByRelease);
        }
        for (Feed feed : feeds.values()) {
            checkOpkg(feed, byPath, unchanged, previous, files, problems);
            if (!keys.isEmpty()) {
                checkSigned(keys, feed, files, signedByRelease, problems);
            }
            Manifest.Entry apk = feed.files.get(APK_INDEX);
            if (apk != null && apk.size() == 0) {
                problems.add(apk.path() + " is empty");
            }
        }
        checkByHash(manifest, files, problems);
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

    private void checkOpkg(Feed feed, Map<String, Manifest.Entry> byPath, Set<String> unchanged, Set<String> previous,
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
        List<String> found = new ArrayList<>();
        try {
            if (plain != null && gzipped != null && indexChanged) {
                // One pass: the gzipped form is checked while its bytes are hashed against the plain form's.
                MessageDigest digest = Sha256.newDigest();
                InputStream in = new DigestInputStream(new GZIPInputStream(files.open(gzipped.path()), 64 * 1024), digest);
                // Only a whole read hashes the whole file: a read a limit stopped compares nothing.
                if (check(feed, gzipped.path(), indexPath, in, byPath, found)) {
                    String plainHash = plain.sha256() != null ? plain.sha256() : sha256(files.open(plain.path()));
                    if (!HexFormat.of().formatHex(digest.digest()).equals(plainHash)) {
                        problems.add(gzipped.path() + " does not hold the same index as " + plain.path());
                        found.clear();
                        check(feed, plain.path(), plain.path(), files.open(plain.path()), byPath, found);
                    }
                }
            } else {
                InputStream in = plain != null ? files.open(plain.path()) : new GZIPInputStream(files.open(gzipped.path()), 64 * 1024);
                check(feed, indexPath, indexPath, in, byPath, found);
            }
        } catch (IOException e) {
            problems.add(indexPath + " cannot be read: " + e.getMessage());
            return;
        }
        problems.addAll(found);
    }

    /**
     * apt's {@code InRelease} / {@code Release}: each file its SHA256 list names and the snapshot
     * has must have the size and hash listed (apt refuses it otherwise, and a half-published
     * repository is caught here); with trusted keys, the signature must be by one of them, and the
     * files a verified Release lists are then signed.
     */
    private void checkApt(Keyring keys, Feed feed, Map<String, Manifest.Entry> byPath, SnapshotFiles files, List<String> problems,
            Set<String> signed) {
        Manifest.Entry inRelease = feed.files.get(IN_RELEASE);
        Manifest.Entry release = feed.files.get(RELEASE);
        Manifest.Entry detached = feed.files.get(RELEASE_GPG);
        if (inRelease == null && release == null) {
            if (detached != null) {
                problems.add(detached.path() + " has no Release beside it");
            }
            return;
        }
        try {
            if (inRelease != null) {
                OpenPgpSignature.ClearSigned read = OpenPgpSignature.clearSigned(keys, inRelease.path(), files.open(inRelease.path()));
                boolean verified = read.check() instanceof SignatureCheck.Verified;
                if (read.text().length == 0 && read.check() instanceof SignatureCheck.Refused refused) {
                    problems.add(refused.reason());
                } else {
                    if (!keys.isEmpty() && read.check() instanceof SignatureCheck.Refused refused) {
                        problems.add(refused.reason());
                    }
                    checkListed(feed, inRelease.path(), read.text(), byPath, files, problems, verified ? signed : null);
                }
            }
            if (release != null) {
                byte[] text = readAtMost(files.open(release.path()), OpenPgpSignature.MAX_CLEAR_SIGNED_BYTES, release.path());
                boolean verified = false;
                if (!keys.isEmpty() && detached != null) {
                    SignatureCheck check = OpenPgpSignature.detached(keys, detached.path(),
                            readAtMost(files.open(detached.path()), MAX_SIGNATURE_BYTES, detached.path()), release.path(),
                            new java.io.ByteArrayInputStream(text));
                    if (check instanceof SignatureCheck.Refused refused) {
                        problems.add(refused.reason());
                    }
                    verified = check instanceof SignatureCheck.Verified;
                } else if (!keys.isEmpty() && inRelease == null) {
                    problems.add(release.path() + " is not signed: there is no InRelease or Release.gpg beside it");
                }
                checkListed(feed, release.path(), text, byPath, files, problems, verified ? signed : null);
            }
        } catch (IndexLimit e) {
            problems.add(e.getMessage());
        } catch (IOException e) {
            problems.add(feed.path(inRelease != null ? IN_RELEASE : RELEASE) + " cannot be read: " + e.getMessage());
        }
    }

    private void checkListed(Feed feed, String releasePath, byte[] text, Map<String, Manifest.Entry> byPath, SnapshotFiles files,
            List<String> problems, Set<String> signed) throws IOException {
        java.util.Optional<AptRelease> release;
        try {
            release = AptRelease.parse(text);
        } catch (IndexLimit e) {
            problems.add(releasePath + " " + e.getMessage());
            return;
        }
        if (release.isEmpty()) {
            problems.add(releasePath + " lists no SHA256 hashes: apt does not accept it");
            return;
        }
        int found = 0;
        for (AptRelease.Listed listed : release.get().sha256()) {
            String path = feed.path(listed.path());
            Manifest.Entry file = byPath.get(path);
            if (file == null) {
                continue; // a Release lists every form of an index; apt takes one the repository has
            }
            String problem = null;
            if (file.size() != listed.size()) {
                problem = path + " has " + file.size() + " bytes, " + releasePath + " says " + listed.size();
            } else if (!hashOf(file, files).equals(listed.sha256())) {
                problem = path + " does not have the SHA256 " + releasePath + " gives";
            } else if (signed != null) {
                signed.add(path);
            }
            if (problem != null) {
                problems.add(problem);
                if (++found == MAX_PROBLEMS_PER_INDEX) {
                    problems.add(releasePath + " has more than " + MAX_PROBLEMS_PER_INDEX + " problems: the rest of it was not checked");
                    return;
                }
            }
        }
    }

    /** A file apt fetches by its hash ({@code by-hash/SHA256/<hash>}) must have that hash. */
    private static void checkByHash(Manifest manifest, SnapshotFiles files, List<String> problems) {
        int found = 0;
        for (Manifest.Entry entry : manifest.files()) {
            if (!folder(entry.path()).endsWith("by-hash/SHA256")) {
                continue;
            }
            try {
                if (!hashOf(entry, files).equalsIgnoreCase(name(entry.path()))) {
                    problems.add(entry.path() + " does not have the SHA256 its name gives");
                    found++;
                }
            } catch (IOException e) {
                problems.add(entry.path() + " cannot be read: " + e.getMessage());
                found++;
            }
            if (found == MAX_PROBLEMS_PER_INDEX) {
                problems.add("more than " + MAX_PROBLEMS_PER_INDEX + " by-hash files do not match: the rest were not checked");
                return;
            }
        }
    }

    /**
     * With trusted keys, an opkg-style index must be signed: by its {@code Packages.sig} (a usign
     * signature of {@code Packages}, which opkg checks against {@code /etc/opkg/keys}) unless a
     * verified Release lists it (an apt index).
     */
    private static void checkSigned(Keyring keys, Feed feed, SnapshotFiles files, Set<String> signedByRelease, List<String> problems) {
        Manifest.Entry apk = feed.files.get(APK_INDEX);
        if (apk != null && apk.size() > 0) {
            try {
                if (ApkIndexSignature.check(keys, apk.path(), files.open(apk.path())) instanceof SignatureCheck.Refused refused) {
                    problems.add(refused.reason());
                }
            } catch (IOException e) {
                problems.add(apk.path() + " cannot be checked: " + e.getMessage());
            }
        }
        Manifest.Entry plain = feed.files.get(PACKAGES);
        Manifest.Entry gzipped = feed.files.get(PACKAGES_GZ);
        Manifest.Entry signature = feed.files.get(SIGNATURE);
        if (plain == null && gzipped == null) {
            return;
        }
        if ((plain == null || signedByRelease.contains(plain.path())) && (gzipped == null || signedByRelease.contains(gzipped.path()))) {
            return;
        }
        String indexPath = plain != null ? plain.path() : gzipped.path();
        if (signature == null) {
            problems.add(indexPath + " is not signed: there is no " + SIGNATURE + " beside it, and no signed Release lists it"
                    + " (trusted keys: " + keys.ids() + ")");
            return;
        }
        try {
            byte[] bytes = readAtMost(files.open(signature.path()), MAX_SIGNATURE_BYTES, signature.path());
            InputStream message = plain != null ? files.open(plain.path()) : new GZIPInputStream(files.open(gzipped.path()), 64 * 1024);
            if (UsignSignature.check(keys, signature.path(), bytes, feed.path(PACKAGES), message)
                    instanceof SignatureCheck.Refused refused) {
                problems.add(refused.reason());
            }
        } catch (IndexLimit e) {
            problems.add(e.getMessage());
        } catch (IOException e) {
            problems.add(signature.path() + " cannot be checked: " + e.getMessage());
        }
    }

    private static String hashOf(Manifest.Entry file, SnapshotFiles files) throws IOException {
        return file.sha256() != null ? file.sha256().toLowerCase(java.util.Locale.ROOT) : sha256(files.open(file.path()));
    }

    private static byte[] readAtMost(InputStream opened, int limit, String path) throws IOException {
        try (InputStream in = opened) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new IndexLimit(path + " holds more than " + (limit >= 1024 * 1024 ? (limit >> 20) + " MiB" : (limit >> 10) + " KiB")
                        + ": it is not what its name says");
            }
            return bytes;
        }
    }

    /**
     * Checks every stanza of the index read from {@code readPath} as it is read, naming it {@code
     * indexPath} in the problems of its packages; a limit reached is one more problem, naming the
     * file read, and the end of the check. Returns whether the whole file was read.
     */
    private boolean check(Feed feed, String readPath, String indexPath, InputStream index, Map<String, Manifest.Entry> byPath,
            List<String> found) throws IOException {
        try (InputStream in = index) {
            parse(in, maxIndexBytes, stanza -> checkStanza(feed, indexPath, stanza, byPath, found));
            return true;
        } catch (IndexLimit e) {
            found.add(readPath + " " + e.getMessage());
            return false;
        }
    }

    private static void checkStanza(Feed feed, String indexPath, Stanza stanza, Map<String, Manifest.Entry> byPath,
            List<String> problems) throws IndexLimit {
        if (problems.size() >= MAX_PROBLEMS_PER_INDEX) {
            throw new IndexLimit("has more than " + MAX_PROBLEMS_PER_INDEX + " problems: the rest of it was not checked");
        }
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
        String path = feed.filePath(relative);
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

    /** The stanzas of a Packages index, all at once: for an index already checked (a served snapshot's), default limits. */
    static List<Stanza> parse(InputStream in) throws IOException {
        List<Stanza> stanzas = new ArrayList<>();
        parse(in, DEFAULT_MAX_INDEX_BYTES, stanzas::add);
        return stanzas;
    }

    /** What is done with each stanza as it is read. */
    @FunctionalInterface
    interface StanzaSink {
        void accept(Stanza stanza) throws IndexLimit;
    }

    /** A limit on what one index may cost was reached; the message completes "&lt;index path&gt; ...". */
    static final class IndexLimit extends IOException {
        private static final long serialVersionUID = 1L;

        IndexLimit(String message) {
            super(message);
        }
    }

    /**
     * The stanzas of a Packages index, each handed to {@code sink} once complete: "Field: value"
     * lines, blank lines between packages. Only the fields checked are kept, and only one stanza
     * at a time: an index of any size is read in bounded memory. Lines are read as bytes up to
     * {@link #MAX_LINE}, and at most {@code maxBytes} in all.
     */
    static void parse(InputStream in, long maxBytes, StanzaSink sink) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        byte[] line = new byte[256];
        int length = 0;
        long total = 0;
        Stanza[] current = {null};
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            total += read;
            if (total > maxBytes) {
                throw new IndexLimit("holds more than " + (maxBytes / (1024 * 1024)) + " MiB once decompressed (FEED_INDEX_MAX_MB)");
            }
            for (int i = 0; i < read; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    line(line, length, current, sink);
                    length = 0;
                    continue;
                }
                if (length == MAX_LINE) {
                    throw new IndexLimit("has a line longer than " + (MAX_LINE / 1024) + " KiB: it is not a package index");
                }
                if (length == line.length) {
                    line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
                }
                line[length++] = b;
            }
        }
        if (length > 0) {
            line(line, length, current, sink);
        }
        if (current[0] != null) {
            sink.accept(current[0]);
        }
    }

    /** One line of an index: a field of the current stanza, a continuation, or the blank line that ends it. */
    private static void line(byte[] line, int length, Stanza[] current, StanzaSink sink) throws IndexLimit {
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (blank(line, length)) {
            if (current[0] != null) {
                sink.accept(current[0]);
            }
            current[0] = null;
        } else if (line[0] != ' ' && line[0] != '\t') {
            if (current[0] == null) {
                current[0] = new Stanza();
            }
            field(current[0], line, length);
        }
    }

    private static boolean blank(byte[] line, int length) {
        for (int i = 0; i < length; i++) {
            if (line[i] != ' ' && line[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static void field(Stanza stanza, byte[] line, int length) {
        if (starts(line, length, "Package:")) {
            stanza.name = value(line, length, 8);
        } else if (starts(line, length, "Version:")) {
            stanza.version = value(line, length, 8);
        } else if (starts(line, length, "Filename:")) {
            stanza.filename = value(line, length, 9);
        } else if (starts(line, length, "Size:")) {
            stanza.size = value(line, length, 5);
        } else if (starts(line, length, "SHA256sum:")) {
            stanza.sha256 = value(line, length, 10);
        }
    }

    private static boolean starts(byte[] line, int length, String field) {
        if (length < field.length()) {
            return false;
        }
        for (int i = 0; i < field.length(); i++) {
            if (line[i] != field.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String value(byte[] line, int length, int from) {
        return new String(line, from, length - from, StandardCharsets.UTF_8).strip();
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

        /**
         * Where a stanza's {@code Filename} points: in a Debian repository's {@code dists/} layout,
         * from the repository's root (the folder holding {@code dists}, as apt reads it: {@code
         * pool/main/p/...}); otherwise (opkg, a flat apt repository) from the index's own folder.
         */
        String filePath(String relative) {
            String root = debianRoot(folder);
            return root == null ? path(relative) : root.isEmpty() ? relative : root + "/" + relative;
        }
    }

    private static Set<String> folders(Manifest manifest) {
        Set<String> folders = new java.util.HashSet<>();
        for (Manifest.Entry entry : manifest.files()) {
            folders.add(folder(entry.path()));
        }
        return folders;
    }

    /** The folder holding {@code dists} when {@code folder} is inside a Debian dists layout, else null. */
    static String debianRoot(String folder) {
        if (folder.equals("dists") || folder.startsWith("dists/")) {
            return "";
        }
        int at = folder.indexOf("/dists/");
        return at < 0 ? null : folder.substring(0, at);
    }

    static String folder(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String sha256(InputStream in) throws IOException {
        return Sha256.hex(in);
    }
}
