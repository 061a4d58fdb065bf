package dev.parceler.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Edits one variable of a {@code .env} file in place, keeping every other line as it was. */
public final class EnvFile {
    private final Path file;

    public EnvFile(Path file) {
        this.file = file;
    }

    /** Sets {@code name=value}, replacing an existing assignment (commented ones are left alone) or appending one. */
    public void set(String name, String value) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : new ArrayList<>();
        List<String> edited = new ArrayList<>(lines.size() + 1);
        boolean replaced = false;
        for (String line : lines) {
            String stripped = line.stripLeading();
            if (stripped.startsWith("export ")) {
                stripped = stripped.substring("export ".length()).stripLeading();
            }
            if (!replaced && (stripped.startsWith(name + "=") || stripped.startsWith(name + " ="))) {
                edited.add(name + "=" + value);
                replaced = true;
            } else {
                edited.add(line);
            }
        }
        if (!replaced) {
            edited.add(name + "=" + value);
        }
        // Written beside the file and moved over it, so a crash never leaves a half-written .env.
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".env", ".tmp");
        try {
            Files.write(temporary, edited, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
