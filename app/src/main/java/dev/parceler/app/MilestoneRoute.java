package dev.parceler.app;

import dev.parceler.auth.Sha256;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.sync.JobQueue;
import dev.parceler.download.RequestPath;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /repository/{name}/milestone} with {@code Authorization: Bearer <REPOSITORY_MILESTONE_TOKEN>}:
 * enqueues a milestone release. The token is compared in constant time (as digests, so not even
 * its length shows); without a configured token the route always answers 401.
 */
final class MilestoneRoute implements Handler {
    private final Optional<byte[]> tokenDigest;
    private final RepositoryStore repositories;
    private final JobQueue queue;

    MilestoneRoute(Optional<String> token, RepositoryStore repositories, JobQueue queue) {
        this.tokenDigest = token.filter(value -> !value.isEmpty()).map(Sha256::digest);
        this.repositories = repositories;
        this.queue = queue;
    }

    @Override
    public void handle(Context ctx) {
        if (!authorized(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer");
            ctx.status(401).json(Map.of("message", "Unauthenticated."));
            return;
        }
        // Read from the raw target (/repository/{name}/milestone): a broken escape is a name no repository has.
        RequestPath path = RequestPath.of(ctx.req().getRequestURI());
        String name = path.segment(2).orElse(path.raw(2));
        if (path.length() != 4 || repositories.find(name).isEmpty()) {
            ctx.status(404).json(Map.of("message", "Repository '" + name + "' not found."));
            return;
        }
        UUID job = queue.milestone(name);
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("message", "Milestone release job dispatched.");
        answer.put("job_id", job.toString());
        ctx.status(200).json(answer);
    }

    private boolean authorized(String header) {
        if (tokenDigest.isEmpty() || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest.get(), Sha256.digest(header.substring(7).trim()));
    }
}
