package dev.parceler.auth;

import dev.parceler.digest.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Authorization from a file, for installations without the subscription services. One machine
 * per line, {@code <realm>:<system_id>:<secret>}, where the secret may be written as
 * {@code sha256:<hex>} to keep it out of the file; {@code #} starts a comment. The file is read
 * on each check, so edits apply at once (answers are still cached like the service's).
 */
public final class CredentialsFile implements SubscriptionCheck {
    static final Duration VALIDITY = Duration.ofMinutes(10);

    private final Path file;
    private final Clock clock;

    public CredentialsFile(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    @Override
    public Verdict check(Realm realm, MachineCredentials credentials) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Verdict.Unavailable("cannot read the credentials file " + file);
        }
        String offeredHash = Sha256.hex(credentials.secret());
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(":", 3);
            if (fields.length != 3 || !fields[0].equals(realm.label()) || !fields[1].equals(credentials.systemId())) {
                continue;
            }
            String expected = fields[2].startsWith("sha256:") ? fields[2].substring("sha256:".length()).toLowerCase() : Sha256.hex(fields[2]);
            if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), offeredHash.getBytes(StandardCharsets.US_ASCII))) {
                return new Verdict.Authorized(clock.instant().plus(VALIDITY));
            }
        }
        return new Verdict.Refused("not in the credentials file");
    }
}
