package dev.parceler.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.signature.KeyFiles;
import dev.parceler.signature.Keyring;
import dev.parceler.testing.AptArchive;
import dev.parceler.testing.SigningKeys;
import dev.parceler.testing.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed check with trusted keys, on feeds signed by the publishers' own programs: opkg feeds
 * signed by signify (usign's format), apt repositories written by apt-ftparchive and signed by
 * gpg. A feed not signed by a trusted key is refused with one reason naming the file and the key.
 */
class FeedSignaturesIT {
    @TempDir
    Path home;
    private SigningKeys.Usign publisher;
    private SigningKeys.Usign stranger;
    private SigningKeys.OpenPgp archive;
    private SigningKeys.OpenPgp other;

    @BeforeEach
    void keys() {
        publisher = SigningKeys.usign(home.resolve("keys"), "publisher");
        stranger = SigningKeys.usign(home.resolve("keys"), "stranger");
        archive = SigningKeys.openPgp(home.resolve("keys"), "archive");
        other = SigningKeys.openPgp(home.resolve("keys"), "other");
    }

    @AfterEach
    void stopAgents() {
        archive.close();
        other.close();
    }

    private Keyring trusting(Path... keyFiles) {
        return new Keyring(KeyFiles.read(List.of(keyFiles)));
    }

    /** The feed check of {@code root} as the snapshot of it would be checked, every file new. */
    private static List<String> check(Keyring keys, Path root) {
        List<Manifest.Entry> entries = new ArrayList<>();
        for (Path file : Trees.files(root)) {
            String path = root.relativize(file).toString();
            try {
                entries.add(new Manifest.Entry(path, Files.size(file), Files.getLastModifiedTime(file).toMillis(), sha256(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            return new FeedCheck().problems(keys, new Manifest(1, entries), Set.of(), Set.of(), path -> Files.newInputStream(root.resolve(path)));
        } catch (RuntimeException e) {
            throw new AssertionError("the check must not throw", e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(in.readAllBytes());
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An opkg feed in {@code folder}: two packages, Packages and Packages.gz listing them with sizes and hashes. */
    private static Path opkgFeed(Path folder, String... packages) throws IOException {
        StringBuilder index = new StringBuilder();
        for (String name : packages) {
            Path ipk = Trees.write(folder.resolve(name + "_1.0_all.ipk"), "package " + name);
            index.append("Package: ").append(name).append("\nVersion: 1.0\nFilename: ").append(ipk.getFileName())
                    .append("\nSize: ").append(Files.size(ipk)).append("\nSHA256sum: ").append(sha256(ipk)).append("\n\n");
        }
        Path plain = Trees.write(folder.resolve("Packages"), index.toString());
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve("Packages.gz")))) {
            out.write(Files.readAllBytes(plain));
        }
        return plain;
    }

    @Test
    void anOpkgFeedSignedByATrustedUsignKeyPasses() throws IOException {
        Path feed = home.resolve("feed/x86_64/base");
        Path index = opkgFeed(feed, "base-files", "luci");
        publisher.sign(index, feed.resolve("Packages.sig"));
        assertThat(check(trusting(publisher.publicKey()), home.resolve("feed"))).isEmpty();
        assertThat(check(trusting(home.resolve("keys/publisher.pub"), archive.publicKey()), home.resolve("feed")))
                .as("a key among others, as in /etc/opkg/keys").isEmpty();
    }

    @Test
    void anOpkgFeedChangedAfterSigningIsRefused() throws IOException {
        Path feed = home.resolve("feed");
        Path index = opkgFeed(feed, "base-files", "luci");
        publisher.sign(index, feed.resolve("Packages.sig"));
        // The tampered upstream: a package replaced and the index rewritten to match it, sizes and hashes consistent,
        // the signature left as it was but newer than the index.
        Files.delete(feed.resolve("luci_1.0_all.ipk"));
        opkgFeed(feed, "base-files", "evil");
        Files.setLastModifiedTime(feed.resolve("Packages.sig"),
                java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(index).toMillis() + 1000));
        assertThat(check(Keyring.NONE, feed)).as("without trusted keys, a consistent feed passes as before").isEmpty();
        assertThat(check(trusting(publisher.publicKey()), feed)).containsExactly(
                "Packages.sig does not verify Packages with key " + publisher.id() + ": the index is not the one that key signed");

        // A signature of another file, made by the trusted key.
        publisher.sign(Trees.write(home.resolve("other-file"), "not the index"), feed.resolve("Packages.sig"));
        assertThat(check(trusting(publisher.publicKey()), feed)).containsExactly(
                "Packages.sig does not verify Packages with key " + publisher.id() + ": the index is not the one that key signed");
    }

    @Test
    void eachBadUsignSignatureIsRefusedWithItsReason() throws IOException {
        Path feed = home.resolve("feed");
        Path index = opkgFeed(feed, "base-files");
        Keyring trusted = trusting(publisher.publicKey());

        stranger.sign(index, feed.resolve("Packages.sig"));
        assertThat(check(trusted, feed)).containsExactly("Packages.sig is signed by key " + stranger.id()
                + ", which is not trusted (trusted: " + publisher.id() + ")");

        publisher.sign(index, feed.resolve("Packages.sig"));
        String whole = Files.readString(feed.resolve("Packages.sig"));
        Files.writeString(feed.resolve("Packages.sig"), whole.substring(0, whole.length() / 2));
        assertThat(check(trusted, feed)).containsExactly("Packages.sig is not a usign signature (a comment line and the base64 of 'Ed',"
                + " a key number and 64 bytes)");

        // The key number of the trusted key on another key's signature: the number matches, the signature does not.
        stranger.sign(index, feed.resolve("Packages.sig"));
        byte[] signature = java.util.Base64.getDecoder().decode(Files.readAllLines(feed.resolve("Packages.sig")).get(1));
        System.arraycopy(HexFormat.of().parseHex(publisher.id()), 0, signature, 2, 8);
        Files.writeString(feed.resolve("Packages.sig"), "untrusted comment: forged\n" + java.util.Base64.getEncoder().encodeToString(signature) + "\n");
        assertThat(check(trusted, feed)).containsExactly("Packages.sig does not verify Packages with key " + publisher.id()
                + ": the index is not the one that key signed");

        Files.delete(feed.resolve("Packages.sig"));
        assertThat(check(trusted, feed)).containsExactly("Packages is not signed: there is no Packages.sig beside it, and no signed"
                + " Release lists it (trusted keys: " + publisher.id() + ")");
    }

    @Test
    void aFeedOfOnlyPackagesGzIsVerifiedOnTheIndexItHolds() throws IOException {
        Path feed = home.resolve("feed");
        Path index = opkgFeed(feed, "base-files");
        publisher.sign(index, feed.resolve("Packages.sig"));
        Files.delete(index);
        assertThat(check(trusting(publisher.publicKey()), feed)).isEmpty();
    }

    private Path distsRepository() {
        Path root = home.resolve("debian");
        AptArchive.deb(root.resolve("pool/main/h"), "hello", "1.0");
        AptArchive.deb(root.resolve("pool/main/w"), "world", "2.0");
        AptArchive.dists(root, archive);
        return root;
    }

    @Test
    void anAptRepositorySignedByATrustedKeyPassesInBothLayouts() {
        Path root = distsRepository();
        assertThat(check(Keyring.NONE, root)).isEmpty();
        assertThat(check(trusting(archive.publicKey()), root)).isEmpty();

        Path flat = home.resolve("flat");
        AptArchive.deb(flat, "hello", "1.0");
        AptArchive.flat(flat, archive);
        assertThat(check(trusting(archive.publicKey()), flat)).isEmpty();
    }

    @Test
    void anAptIndexChangedAfterTheReleaseIsRefusedEvenWithoutKeys() throws IOException {
        Path root = distsRepository();
        Path packages = root.resolve("dists/stable/main/binary-amd64/Packages");
        Files.writeString(packages, Files.readString(packages).replace("Version: 2.0", "Version: 2.1"));
        String expected = "dists/stable/main/binary-amd64/Packages does not have the SHA256 dists/stable/";
        assertThat(check(Keyring.NONE, root)).containsExactly(expected + "InRelease gives", expected + "Release gives",
                "dists/stable/main/binary-amd64/Packages.gz does not hold the same index as dists/stable/main/binary-amd64/Packages");
    }

    @Test
    void eachBadAptSignatureIsRefusedWithItsReason() throws IOException {
        Path root = distsRepository();
        Keyring trusted = trusting(archive.publicKey());
        Path release = root.resolve("dists/stable/Release");

        List<String> untrusted = check(trusting(other.publicKey()), root);
        assertThat(untrusted).hasSize(3);
        assertThat(untrusted.subList(0, 2)).allSatisfy(problem -> assertThat(problem)
                .matches("dists/stable/(InRelease|Release.gpg) is signed by key [0-9A-F]{16}, which is not trusted \\(trusted: "
                        + other.fingerprint() + "\\)"));
        assertThat(untrusted.get(2)).startsWith("dists/stable/main/binary-amd64/Packages is not signed");

        // The signed text changed after signing (a new line in InRelease); Release itself changed under its Release.gpg.
        Path inRelease = root.resolve("dists/stable/InRelease");
        Files.writeString(inRelease, Files.readString(inRelease).replace("Suite: stable", "Suite: stable\nNotAutomatic: no"));
        Files.writeString(release, Files.readString(release) + "Label: changed\n");
        assertThat(check(trusted, root)).containsExactly(
                "dists/stable/InRelease does not verify dists/stable/InRelease with key " + archive.fingerprint()
                        + ": the file is not the one that key signed",
                "dists/stable/Release.gpg does not verify dists/stable/Release with key " + archive.fingerprint()
                        + ": the file is not the one that key signed",
                "dists/stable/main/binary-amd64/Packages is not signed: there is no Packages.sig beside it, and no signed Release lists it"
                        + " (trusted keys: " + archive.fingerprint() + ")");

        Files.delete(inRelease);
        Files.writeString(root.resolve("dists/stable/Release.gpg"), "-----BEGIN PGP SIGNATURE-----\n\nnot base64\n");
        assertThat(check(trusted, root)).startsWith("dists/stable/Release.gpg is not an OpenPGP signature");

        Files.delete(root.resolve("dists/stable/Release.gpg"));
        assertThat(check(trusted, root)).startsWith("dists/stable/Release is not signed: there is no InRelease or Release.gpg beside it");
    }

    /** apk v3 indexes and keys made by apk-tools itself (src/test/resources/apk/make.sh). */
    @Test
    void anApkIndexMustCarryASignatureOfATrustedApkKey() throws IOException {
        Path feed = home.resolve("apk/x86_64");
        Path keys = home.resolve("apk-keys");
        for (String name : List.of("ec-publisher.pub.pem", "other.pub.pem")) {
            try (InputStream in = getClass().getResourceAsStream("/apk/" + name)) {
                Files.createDirectories(keys);
                Files.write(keys.resolve(name), in.readAllBytes());
            }
        }
        try (InputStream in = getClass().getResourceAsStream("/apk/packages-ec.adb")) {
            Files.createDirectories(feed);
            Files.write(feed.resolve("packages.adb"), in.readAllBytes());
        }
        assertThat(check(trusting(keys.resolve("ec-publisher.pub.pem")), home.resolve("apk"))).isEmpty();
        assertThat(check(trusting(keys.resolve("other.pub.pem")), home.resolve("apk"))).singleElement().asString()
                .startsWith("x86_64/packages.adb is signed by key ").contains("which is not trusted");
        assertThat(check(Keyring.NONE, home.resolve("apk"))).isEmpty();
    }

    @Test
    void aByHashFileMustHaveTheHashItsNameGives() {
        Path root = distsRepository();
        Path byHash = root.resolve("dists/stable/main/binary-amd64/by-hash/SHA256");
        Trees.write(byHash.resolve("0".repeat(64)), "something else");
        assertThat(check(trusting(archive.publicKey()), root)).containsExactly(
                "dists/stable/main/binary-amd64/by-hash/SHA256/" + "0".repeat(64) + " does not have the SHA256 its name gives");
    }
}
