package dev.parceler.testing;

import java.util.List;

/** What a user sees of one console command: its exit code, standard output and standard error. */
public record ConsoleResult(int exitCode, String out, String err) {

    public List<String> outLines() {
        return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
    }

    public List<String> errLines() {
        return err.isEmpty() ? List.of() : List.of(err.split("\\R"));
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
