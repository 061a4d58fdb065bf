package dev.parceler.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an admin can do to a repository from its page, each with a reason kept in the audit log. */
enum ConsoleAction {
    SYNC, RELEASE, FREEZE, UNFREEZE, ROLLBACK;

    /** As it appears in the form's path, the audit log and {@code ?done=}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ConsoleAction> of(String label) {
        return Arrays.stream(values()).filter(action -> action.label().equals(label)).findFirst();
    }
}
