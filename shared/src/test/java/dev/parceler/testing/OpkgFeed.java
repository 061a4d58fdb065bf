package dev.parceler.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * An opkg feed folder as OpenWrt's build writes it: package files, {@code Packages} with
 * {@code Filename}, {@code Size} and {@code SHA256sum} per package, {@code Packages.gz} and a
 * {@code Packages.sig} (its bytes stand in for a usign signature of the index).
 */
public final class OpkgFeed {
    private final Path folder;
    private final Map<String, Package> packages = new TreeMap<>();

    public record Package(String name, String version, String filename, byte[] content) {
    }

    public OpkgFeed(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** Adds (or replaces) a package; written by {@link #publish}. */
    public OpkgFeed put(String name, String version, String content) {
        return put(name, version, content.getBytes(StandardCharsets.UTF_8));
    }

    public OpkgFeed put(String name, String version, byte[] content) {
        packages.put(name, new Package(name, version, name + "_" + version + "_all.ipk", content));
        return this;
    }

    public OpkgFeed remove(String name) {
        packages.remove(name);
        return this;
    }

    /** Writes every package file, then the index, its gzipped form and its signature, as a complete upload does. */
    public OpkgFeed publish() {
        writePackages();
        writeIndex();
        writeSignature();
        return this;
    }

    /** Writes only the named packages' files, then the index and its signature: a sync of a few new versions. */
    public OpkgFeed publishChanged(java.util.Collection<String> names) {
        for (String name : names) {
            Package pkg = packages.get(name);
            write(pkg.filename(), pkg.content());
        }
        writeIndex();
        writeSignature();
        return this;
    }

    public void writePackages() {
        for (Package pkg : packages.values()) {
            write(pkg.filename(), pkg.content());
        }
    }

    /** Packages and Packages.gz, listing the packages as they are now. */
    public void writeIndex() {
        byte[] index = index().getBytes(StandardCharsets.UTF_8);
        write("Packages", index);
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write("Packages.gz", gzipped.toByteArray());
    }

    public void writeSignature() {
        write("Packages.sig", ("untrusted comment: signed by a test key\n" + sha256(index().getBytes(StandardCharsets.UTF_8)) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    public String index() {
        StringBuilder index = new StringBuilder();
        for (Package pkg : packages.values()) {
            index.append("Package: ").append(pkg.name()).append('\n')
                    .append("Version: ").append(pkg.version()).append('\n')
                    .append("Depends: libc\n")
                    .append("Filename: ").append(pkg.filename()).append('\n')
                    .append("Size: ").append(pkg.content().length).append('\n')
                    .append("SHA256sum: ").append(sha256(pkg.content())).append('\n')
                    .append("Description: ").append(pkg.name()).append(" for tests\n")
                    .append('\n');
        }
        return index.toString();
    }

    public Package get(String name) {
        return packages.get(name);
    }

    /** Sets a file's modification time, as an upload at that moment would. */
    public void touch(String file, Instant modified) {
        try {
            Files.setLastModifiedTime(folder.resolve(file), FileTime.from(modified));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String file, byte[] content) {
        try {
            Path target = folder.resolve(file);
            Files.createDirectories(target.getParent());
            Files.write(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
