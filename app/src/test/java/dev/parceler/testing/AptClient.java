package dev.parceler.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's own {@code apt-get}, isolated: every folder it reads or writes (sources, lists, cache,
 * status, keyrings, credentials) is under {@code root}, never the machine's apt state. Signature
 * checking is on, as on any Debian machine: a source is trusted only by its {@code signed-by} key.
 */
public final class AptClient {
    private final Path root;

    /** What one apt run printed and how it ended. */
    public record Run(int exitCode, String output) {
    }

    public AptClient(Path root) {
        this.root = root;
        try {
            for (String folder : List.of("etc/apt/sources.list.d", "etc/apt/apt.conf.d", "etc/apt/preferences.d", "etc/apt/auth.conf.d",
                    "var/lib/apt/lists/partial", "var/cache/apt/archives/partial", "var/lib/dpkg", "downloads")) {
                Files.createDirectories(root.resolve(folder));
            }
            Files.writeString(root.resolve("var/lib/dpkg/status"), "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The machine's one source, {@code deb [signed-by=key] url suite [components]}, and its
     * credentials in auth.conf, as a subscribed machine has them (apt sends them as Basic).
     */
    public void source(String url, String suite, String components, Path signedBy, String login, String password) {
        // Over plain http, apt sends auth.conf's credentials only to a machine line that names the protocol.
        String host = url;
        Trees.write(root.resolve("etc/apt/sources.list"), "deb [signed-by=" + signedBy + "] " + url + " " + suite
                + (components.isEmpty() ? "" : " " + components) + "\n");
        Trees.write(root.resolve("etc/apt/auth.conf.d/parceler.conf"), "machine " + host + " login " + login + " password " + password + "\n");
        try {
            Files.setPosixFilePermissions(root.resolve("etc/apt/auth.conf.d/parceler.conf"),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Run update() {
        return apt("update");
    }

    /** {@code apt-get download NAME} into the client's downloads folder; returns the run. */
    public Run download(String name) {
        return apt("download", name);
    }

    /** The version of {@code name} the lists hold now (as {@code apt-cache policy} says), or "(none)". */
    public String candidate(String name) {
        Run policy = run(command("apt-cache", "policy", name));
        return policy.output().lines().map(String::strip).filter(line -> line.startsWith("Candidate:")).findFirst()
                .map(line -> line.substring("Candidate:".length()).strip()).orElse("(none)");
    }

    /** What an operator runs on a machine to take a repository's lists afresh: {@code rm -r /var/lib/apt/lists/*}. */
    public void forgetLists() {
        for (Path file : Trees.files(root.resolve("var/lib/apt/lists"))) {
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public Path downloads() {
        return root.resolve("downloads");
    }

    private Run apt(String... arguments) {
        List<String> command = command("apt-get", arguments);
        command.add(1, "-q");
        return run(command);
    }

    private List<String> command(String program, String... arguments) {
        List<String> command = new ArrayList<>(List.of(ExternalBinary.require(program).toString(),
                "-o", "Dir=" + root, "-o", "Dir::Etc=" + root.resolve("etc/apt"), "-o", "Dir::Etc::main=/dev/null",
                "-o", "Dir::Etc::Parts=" + root.resolve("etc/apt/apt.conf.d"),
                "-o", "Dir::Etc::TrustedParts=" + root.resolve("etc/apt/trusted.gpg.d"),
                "-o", "Dir::State=" + root.resolve("var/lib/apt"), "-o", "Dir::State::status=" + root.resolve("var/lib/dpkg/status"),
                "-o", "Dir::Cache=" + root.resolve("var/cache/apt"), "-o", "Dir::Log=" + root.resolve("var/log/apt"),
                "-o", "Debug::NoLocking=1", "-o", "APT::Sandbox::User=" + System.getProperty("user.name"),
                "-o", "Acquire::Retries=0", "-o", "Acquire::http::Timeout=10", "-o", "Acquire::Languages=none",
                "-o", "APT::Architecture=amd64", "-o", "APT::Architectures=amd64"));
        command.addAll(List.of(arguments));
        return command;
    }

    private Run run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(downloads().toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within 60 s");
            }
            return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
