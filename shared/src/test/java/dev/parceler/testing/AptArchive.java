package dev.parceler.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian repositories as their publishers make them: real {@code .deb} files built by
 * {@code dpkg-deb}, indexes and Release files written by {@code apt-ftparchive} (Debian's
 * {@code apt-utils}), in the dists layout ({@code deb URI stable main}) or the flat one
 * ({@code deb URI ./}).
 */
public final class AptArchive {
    private AptArchive() {
    }

    /** A package of one small file, {@code name_version_all.deb}, built into {@code folder}. */
    public static Path deb(Path folder, String name, String version) {
        Path work = folder.resolveSibling(".build-" + name + "-" + version);
        Trees.write(work.resolve("DEBIAN/control"), "Package: " + name + "\nVersion: " + version
                + "\nArchitecture: all\nMaintainer: Parceler tests <tests@parceler.test>\nDescription: test package " + name + "\n");
        Trees.write(work.resolve("usr/share/doc/" + name + "/version"), version + "\n");
        Path deb = folder.resolve(name + "_" + version + "_all.deb");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        SigningKeys.run(List.of(ExternalBinary.require("dpkg-deb").toString(), "--root-owner-group", "-Zgzip", "--build",
                work.toString(), deb.toString()));
        Trees.deleteRecursively(work);
        return deb;
    }

    /**
     * Writes {@code dists/stable/main/binary-amd64/Packages(.gz)} of the debs under {@code root/pool}
     * (an architecture's index lists the architecture-independent packages too) and {@code dists/stable/Release}, then signs it with {@code key}: InRelease and Release.gpg.
     */
    public static void dists(Path root, SigningKeys.OpenPgp key) {
        Path binary = root.resolve("dists/stable/main/binary-amd64");
        String packages = ftparchive(root, "packages", "pool");
        Trees.write(binary.resolve("Packages"), packages);
        gzip(binary.resolve("Packages"));
        release(root, root.resolve("dists/stable"), "dists/stable", key);
    }

    /** Writes the flat layout's {@code Packages(.gz)} of the debs in {@code root}, its Release, InRelease and Release.gpg. */
    public static void flat(Path root, SigningKeys.OpenPgp key) {
        Trees.write(root.resolve("Packages"), ftparchive(root, "packages", "."));
        gzip(root.resolve("Packages"));
        release(root, root, ".", key);
    }

    /** Writes {@code folder}'s Release ({@code relative} to {@code root}) with apt-ftparchive and signs it with {@code key}. */
    public static void release(Path root, Path folder, String relative, SigningKeys.OpenPgp key) {
        try {
            Files.deleteIfExists(folder.resolve("Release"));
            Files.deleteIfExists(folder.resolve("InRelease"));
            Files.deleteIfExists(folder.resolve("Release.gpg"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String release = ftparchive(root, "-o", "APT::FTPArchive::Release::Suite=stable", "-o", "APT::FTPArchive::Release::Codename=stable",
                "-o", "APT::FTPArchive::Release::Components=main", "-o", "APT::FTPArchive::Release::Architectures=amd64", "release", relative);
        Trees.write(folder.resolve("Release"), release);
        if (key != null) {
            key.clearSign(folder.resolve("Release"), folder.resolve("InRelease"));
            key.detachSign(folder.resolve("Release"), folder.resolve("Release.gpg"));
        }
    }

    private static String ftparchive(Path root, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("sh", "-c", "cd \"$0\" && exec \"$@\"", root.toString(),
                ExternalBinary.require("apt-ftparchive").toString()));
        command.addAll(List.of(arguments));
        return SigningKeys.run(command);
    }

    private static void gzip(Path file) {
        SigningKeys.run(List.of("gzip", "-9nkf", file.toString()));
    }
}
