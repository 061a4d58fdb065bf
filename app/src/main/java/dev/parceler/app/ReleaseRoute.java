package dev.parceler.app;

import dev.parceler.auth.Sha256;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.sync.JobQueue;
import dev.parceler.download.RequestPath;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code POST /repository/{name}/release} with {@code Authorization: Bearer <REPOSITORY_RELEASE_TOKEN>}
 * (or {@code REPOSITORY_MILESTONE_TOKEN}, its old name): enqueues a release. The route's old name,
 * {@code /milestone}, answers with its old message. Tokens are compared in constant time (as
 * digests, so not even their length shows); without a configured token the route always answers 401.
 */
final class ReleaseRoute implements Handler {
    static final String RELEASED = "Release job dispatched.";
    static final String MILESTONE_RELEASED = "Milestone release job dispatched.";

    private final List<byte[]> tokenDigests;
    private final RepositoryStore repositories;
    private final JobQueue queue;
    private final String message;

    ReleaseRoute(Optional<String> releaseToken, Optional<String> milestoneToken, RepositoryStore repositories,
            JobQueue queue, String message) {
        this.tokenDigests = Stream.of(releaseToken, milestoneToken).flatMap(Optional::stream)
                .filter(value -> !value.isEmpty()).map(Sha256::digest).toList();
        this.repositories = repositories;
        this.queue = queue;
        this.message = message;
    }

    @Override
    public void handle(Context ctx) {
        if (!authorized(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer");
            ctx.status(401).json(Map.of("message", "Unauthenticated."));
            return;
        }
        // Read from the raw target (/repository/{name}/release): a broken escape is a name no repository has.
        RequestPath path = RequestPath.of(ctx.req().getRequestURI());
        String name = path.segment(2).orElse(path.raw(2));
        if (path.length() != 4 || repositories.find(name).isEmpty()) {
            ctx.status(404).json(Map.of("message", "Repository '" + name + "' not found."));
            return;
        }
        UUID job = queue.release(name);
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("message", message);
        answer.put("job_id", job.toString());
        ctx.status(200).json(answer);
    }

    private boolean authorized(String header) {
        if (tokenDigests.isEmpty() || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = Sha256.digest(header.substring(7).trim());
        boolean matches = false;
        // Every token is compared, so the time taken does not tell which one matched.
        for (byte[] token : tokenDigests) {
            matches |= MessageDigest.isEqual(token, given);
        }
        return matches;
    }
}
