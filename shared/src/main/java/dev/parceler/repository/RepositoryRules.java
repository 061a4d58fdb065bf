package dev.parceler.repository;

import java.util.Optional;
import java.util.regex.Pattern;

/** What a repository's name, command, source folder and delay may be; each check returns the clean value. */
public final class RepositoryRules {
    /** Names become URL and folder segments: keep them to what both accept without escaping. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    /** A hundred years: larger values overflow date arithmetic and mean "never" anyway. */
    static final int MAX_DELAY = 36_500;

    private RepositoryRules() {
    }

    public static String name(String raw) {
        String name = raw == null ? "" : raw.trim();
        if (name.isEmpty()) {
            throw new InvalidRepositoryException("The repository name is required.");
        }
        if (name.startsWith("-")) {
            // A leading dash reads as an option: such a repository could only be named after "--".
            throw new InvalidRepositoryException("The repository name '" + name + "' may not start with a dash.");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidRepositoryException("The repository name '" + name
                    + "' may only contain letters, digits, dashes and underscores (at most 100).");
        }
        return name;
    }

    public static String command(String raw) {
        String command = raw == null ? "" : raw.strip();
        if (command.isEmpty()) {
            throw new InvalidRepositoryException("The sync command is required.");
        }
        if (command.indexOf('\0') >= 0) {
            throw new InvalidRepositoryException("The sync command may not contain a NUL character.");
        }
        return command;
    }

    /** Blank means the synced copy is published from its root. */
    public static Optional<String> subDir(String raw) {
        String folder = raw == null ? "" : raw.trim();
        while (folder.endsWith("/")) {
            folder = folder.substring(0, folder.length() - 1);
        }
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        boolean escapes = folder.startsWith("/") || folder.indexOf('\\') >= 0 || folder.indexOf('\0') >= 0;
        for (String segment : folder.split("/")) {
            escapes |= segment.isEmpty() || segment.equals(".") || segment.equals("..");
        }
        if (escapes) {
            throw new InvalidRepositoryException("The source folder '" + folder
                    + "' must be a relative path inside the synced copy, without '.' or '..'.");
        }
        return Optional.of(folder);
    }

    public static int delay(String raw) {
        String delay = raw == null ? "" : raw.trim();
        if (!delay.matches("[0-9]{1,9}") || Integer.parseInt(delay) > MAX_DELAY) {
            throw new InvalidRepositoryException("The delay must be a whole number of days from 0 to "
                    + MAX_DELAY + ", got '" + delay + "'.");
        }
        return Integer.parseInt(delay);
    }

    public static DelayPolicy policy(String raw) {
        return DelayPolicy.ofLabel(raw == null ? "" : raw.trim().toLowerCase(java.util.Locale.ROOT));
    }

    /** A ring's name: the same characters as a repository's. */
    public static String ringName(String raw) {
        String name = raw == null ? "" : raw.trim();
        if (name.isEmpty() || name.startsWith("-") || !NAME.matcher(name).matches()) {
            throw new InvalidRepositoryException("The ring name '" + name
                    + "' must be letters, digits, dashes and underscores (at most 100), not starting with a dash.");
        }
        return name;
    }

    /** The share of all machines a ring holds by hash, 0 to 100. */
    public static int percent(String raw) {
        String percent = raw == null ? "" : raw.trim();
        if (percent.endsWith("%")) {
            percent = percent.substring(0, percent.length() - 1).trim();
        }
        if (!percent.matches("[0-9]{1,3}") || Integer.parseInt(percent) > 100) {
            throw new InvalidRepositoryException("The percentage must be a whole number from 0 to 100, got '" + raw + "'.");
        }
        return Integer.parseInt(percent);
    }

    /** System ids, separated by commas or white space; empty for none. */
    public static java.util.Set<String> machines(String raw) {
        java.util.Set<String> machines = new java.util.TreeSet<>();
        for (String id : (raw == null ? "" : raw).split("[,\\s]+")) {
            if (id.isEmpty()) {
                continue;
            }
            if (id.length() > 255 || !id.chars().allMatch(c -> c > ' ' && c < 127 && c != ':')) {
                throw new InvalidRepositoryException("The system id '" + id + "' is not one: printable ASCII without ':', at most 255.");
            }
            machines.add(id);
        }
        return machines;
    }
}
