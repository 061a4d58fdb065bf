package dev.parceler.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parceler.admin.Admin;
import dev.parceler.admin.AdminException;
import dev.parceler.admin.AdminSessions;
import dev.parceler.admin.AdminStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code admin:create}, {@code admin:list}, {@code admin:delete} and {@code admin:password}: the
 * people who may sign in to the operator console. Passwords come on standard input (never as an
 * argument, which other users of the machine could read in the process list) or from a prompt.
 */
final class AdminCommands {
    private AdminCommands() {
    }

    /** Where a new password comes from: standard input with {@code --password-stdin}, else a prompt without echo. */
    static String password(boolean fromStdin, InputStream stdin) {
        if (fromStdin) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                stdin.transferTo(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the password from standard input", e);
            }
            String text = bytes.toString(StandardCharsets.UTF_8);
            // echo and here-strings end the password with a newline; it is not part of it.
            if (text.endsWith("\r\n")) {
                text = text.substring(0, text.length() - 2);
            } else if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                throw new ConsoleFailure("No password on standard input.");
            }
            return text;
        }
        java.io.Console console = System.console();
        if (console == null) {
            throw new ConsoleFailure("No terminal to ask for the password: give it on standard input with --password-stdin.");
        }
        char[] first = console.readPassword("Password: ");
        char[] second = console.readPassword("Password again: ");
        if (first == null || second == null || !java.util.Arrays.equals(first, second)) {
            throw new ConsoleFailure("The passwords differ.");
        }
        return new String(first);
    }

    @Command(name = "admin:create", mixinStandardHelpOptions = true,
            description = "Add an admin of the web console. The password (at least 10 characters) is read from standard"
                    + " input with --password-stdin, else asked for; it is stored as an Argon2id hash.")
    static final class Create implements Callable<Integer> {
        private final Supplier<AdminStore> admins;
        private final InputStream stdin;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<name>", description = "The admin's name: letters, digits, '.', '_', '@', '-'.")
        String name;

        @Option(names = "--password-stdin", description = "Read the password from standard input (one line).")
        boolean passwordStdin;

        Create(Supplier<AdminStore> admins, InputStream stdin) {
            this.admins = admins;
            this.stdin = stdin;
        }

        @Override
        public Integer call() {
            try {
                AdminStore.checkName(name);
                AdminStore admins = this.admins.get();
                if (admins.find(name).isPresent()) {
                    throw new ConsoleFailure("Admin '" + name + "' already exists.");
                }
                admins.create(name, password(passwordStdin, stdin));
            } catch (AdminException e) {
                throw new ConsoleFailure(e.getMessage());
            }
            spec.commandLine().getOut().println("Admin '" + name + "' created.");
            return 0;
        }
    }

    @Command(name = "admin:list", mixinStandardHelpOptions = true, description = "The admins of the web console.")
    static final class ListAdmins implements Callable<Integer> {
        private final Supplier<AdminStore> admins;
        private final ZoneId zone;

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print a JSON array of {name, created_at, updated_at}.")
        boolean json;

        ListAdmins(Supplier<AdminStore> admins, ZoneId zone) {
            this.admins = admins;
            this.zone = zone;
        }

        @Override
        public Integer call() throws IOException {
            List<Admin> admins = this.admins.get().list();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                List<Map<String, String>> listing = admins.stream().map(admin -> {
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("name", admin.name());
                    row.put("created_at", admin.createdAt().toString());
                    row.put("updated_at", admin.updatedAt().toString());
                    return row;
                }).toList();
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(listing));
                return 0;
            }
            int width = Math.max(4, admins.stream().mapToInt(admin -> admin.name().length()).max().orElse(0));
            out.printf("%-" + width + "s  %-20s  %s%n", "Name", "Created", "Password changed");
            java.time.format.DateTimeFormatter format = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                    .withZone(zone);
            for (Admin admin : admins) {
                out.printf("%-" + width + "s  %-20s  %s%n", admin.name(), format.format(admin.createdAt()), format.format(admin.updatedAt()));
            }
            return 0;
        }
    }

    @Command(name = "admin:delete", mixinStandardHelpOptions = true, description = "Remove an admin; their sessions end at once.")
    static final class Delete implements Callable<Integer> {
        private final Supplier<AdminStore> admins;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<name>", description = "The admin.")
        String name;

        Delete(Supplier<AdminStore> admins) {
            this.admins = admins;
        }

        @Override
        public Integer call() {
            try {
                admins.get().delete(name);
            } catch (AdminException e) {
                throw new ConsoleFailure(e.getMessage());
            }
            spec.commandLine().getOut().println("Admin '" + name + "' deleted.");
            return 0;
        }
    }

    @Command(name = "admin:password", mixinStandardHelpOptions = true,
            description = "Set an admin's password (from standard input with --password-stdin, else asked for); signs them out everywhere.")
    static final class Password implements Callable<Integer> {
        private final Supplier<AdminStore> admins;
        private final Supplier<AdminSessions> sessions;
        private final InputStream stdin;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<name>", description = "The admin.")
        String name;

        @Option(names = "--password-stdin", description = "Read the password from standard input (one line).")
        boolean passwordStdin;

        Password(Supplier<AdminStore> admins, Supplier<AdminSessions> sessions, InputStream stdin) {
            this.admins = admins;
            this.sessions = sessions;
            this.stdin = stdin;
        }

        @Override
        public Integer call() {
            try {
                AdminStore admins = this.admins.get();
                if (admins.find(name).isEmpty()) {
                    throw new ConsoleFailure("Admin '" + name + "' not found.");
                }
                admins.changePassword(name, password(passwordStdin, stdin));
                sessions.get().closeAll(name);
            } catch (AdminException e) {
                throw new ConsoleFailure(e.getMessage());
            }
            spec.commandLine().getOut().println("Password of admin '" + name + "' changed.");
            return 0;
        }
    }
}
