package dev.parceler.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real signing keys for feed fixtures, made by the programs publishers use: usign-format keys by
 * OpenBSD's {@code signify} (Debian's {@code signify-openbsd}, the format opkg's usign reads), and
 * OpenPGP keys by {@code gpg} in a home folder of their own (never the user's keyring).
 */
public final class SigningKeys {
    private SigningKeys() {
    }

    /** A usign key pair; {@code id} is its key number in hex, as {@code usign -F} prints it. */
    public record Usign(Path publicKey, Path secretKey, String id) {
        /** Writes {@code file}'s signature to {@code signature}, as a feed's publisher does for Packages.sig. */
        public void sign(Path file, Path signature) {
            run(List.of(signify(), "-S", "-s", secretKey.toString(), "-m", file.toString(), "-x", signature.toString()));
        }
    }

    public static Usign usign(Path folder, String name) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Path pub = folder.resolve(name + ".pub");
        Path sec = folder.resolve(name + ".sec");
        run(List.of(signify(), "-G", "-n", "-c", "key " + name, "-p", pub.toString(), "-s", sec.toString()));
        try {
            byte[] decoded = java.util.Base64.getDecoder().decode(Files.readAllLines(pub).get(1).strip());
            return new Usign(pub, sec, java.util.HexFormat.of().formatHex(decoded, 2, 10));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signify() {
        return ExternalBinary.require("signify-openbsd").toString();
    }

    /** An OpenPGP signing key in a gpg home of its own; {@code publicKey} is its binary export, as apt's keyrings hold it. */
    public record OpenPgp(Path home, String fingerprint, Path publicKey) implements AutoCloseable {
        /** Writes {@code release} clear-signed to {@code inRelease}, as {@code gpg --clearsign} does for a repository. */
        public void clearSign(Path release, Path inRelease) {
            run(gpg(home, "--clearsign", "--local-user", fingerprint, "--output", inRelease.toString(), release.toString()));
        }

        /** Writes an armoured detached signature of {@code release} to {@code signature} (Release.gpg). */
        public void detachSign(Path release, Path signature) {
            run(gpg(home, "--armor", "--detach-sign", "--local-user", fingerprint, "--output", signature.toString(), release.toString()));
        }

        @Override
        public void close() {
            ExternalBinary.find("gpgconf").ifPresent(gpgconf -> runQuietly(List.of(gpgconf.toString(), "--homedir", home.toString(),
                    "--kill", "all")));
        }
    }

    public static OpenPgp openPgp(Path folder, String name) {
        Path home = folder.resolve("gnupg-" + name);
        try {
            Files.createDirectories(home);
            Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        run(gpg(home, "--passphrase", "", "--quick-generate-key", name + " <" + name + "@parceler.test>", "ed25519", "sign", "never"));
        String listing = run(gpg(home, "--with-colons", "--list-keys"));
        String fingerprint = listing.lines().filter(line -> line.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
        Path pub = folder.resolve(name + ".gpg");
        run(gpg(home, "--output", pub.toString(), "--export", fingerprint));
        return new OpenPgp(home, fingerprint, pub);
    }

    private static List<String> gpg(Path home, String... arguments) {
        List<String> command = new ArrayList<>(List.of(ExternalBinary.require("gpg").toString(), "--homedir", home.toString(),
                "--batch", "--yes", "--pinentry-mode", "loopback", "--no-tty", "--quiet"));
        command.addAll(List.of(arguments));
        return command;
    }

    /** Runs a command of a fixture and returns what it printed; it must exit 0 within a minute. */
    static String run(List<String> command) {
        try {
            Path errors = Files.createTempFile("fixture", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
                process.getOutputStream().close();
                byte[] output = process.getInputStream().readAllBytes();
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8)
                            + Files.readString(errors));
                }
                return new String(output, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void runQuietly(List<String> command) {
        try {
            run(command);
        } catch (IllegalStateException e) {
            // the agent was not running
        }
    }
}
