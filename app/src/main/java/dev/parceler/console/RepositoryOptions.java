package dev.parceler.console;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of a repository's settings, shared by {@code repo:create} and {@code repo:edit}: an
 * option not given is null, and each command says what that means (create: its default or its
 * question; edit: keep the current value).
 */
final class RepositoryOptions {
    @Option(names = "--command", paramLabel = "COMMAND",
            description = "Shell command that syncs upstream into source/<name> of the disk (run with sh -c).")
    String command;

    @Option(names = "--source-folder", paramLabel = "FOLDER",
            description = "Folder inside source/<name> that holds the packages; empty for the whole copy.")
    String sourceFolder;

    @Option(names = "--delay", paramLabel = "DAYS",
            description = "Days releases are held back (whole number, 0 or more; repo:create asks, 7 by default).")
    String delay;

    @Option(names = "--compare-content", negatable = true,
            description = "Tell unchanged files by their sha256 (--compare-content: slower, for sync commands that do not"
                    + " keep modification times) or by size and modification time (--no-compare-content, the default).")
    Boolean compareContent;

    @Option(names = "--feed-check", negatable = true,
            description = "Check feed indexes (opkg Packages, apk packages.adb, apt Release and Packages) before a snapshot is"
                    + " made: a snapshot whose index lists missing files, whose files do not match their Release's hashes or"
                    + " whose signature is not from the same sync (or, with --trusted-key, not by a trusted key) is not made"
                    + " (default: on; --no-feed-check for repositories that are not package feeds).")
    Boolean feedCheck;

    @Option(names = "--policy", paramLabel = "POLICY",
            description = "Which snapshot the delay serves: 'window' (default: the oldest taken within the delay, the newest"
                    + " when none is) or 'strict' (the newest at least the delay old, the oldest when none is).")
    String policy;

    @Option(names = "--trusted-key", paramLabel = "FILE",
            description = "A public key the repository's feeds must be signed with, checked before each snapshot is made: a usign"
                    + " key (opkg's Packages.sig, a file of /etc/opkg/keys), an OpenPGP key or keyring (apt's InRelease and"
                    + " Release.gpg, as gpg --export writes it), or a folder of such files. Repeat for more keys; repo:edit"
                    + " replaces the repository's keys with those given. Without any, signatures are not checked.")
    List<Path> trustedKeys;

    boolean noneGiven() {
        return command == null && sourceFolder == null && delay == null && compareContent == null && feedCheck == null && policy == null
                && trustedKeys == null;
    }
}
