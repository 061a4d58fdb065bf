package dev.parceler.app;

import dev.parceler.auth.ReleaseTokens;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.sync.JobQueue;
import dev.parceler.download.RequestPath;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /repository/{name}/release} with {@code Authorization: Bearer <REPOSITORY_RELEASE_TOKEN>}
 * (or {@code REPOSITORY_MILESTONE_TOKEN}, its old name): enqueues a release. The route's old name,
 * {@code /milestone}, answers with its old message. Tokens are compared in constant time (as
 * digests, so not even their length shows); without a configured token the route always answers 401.
 */
final class ReleaseRoute implements Handler {
    static final String RELEASED = "Release job dispatched.";
    static final String MILESTONE_RELEASED = "Milestone release job dispatched.";

    private final ReleaseTokens tokens;
    private final RepositoryStore repositories;
    private final JobQueue queue;
    private final String message;

    ReleaseRoute(Optional<String> releaseToken, Optional<String> milestoneToken, RepositoryStore repositories,
            JobQueue queue, String message) {
        this.tokens = new ReleaseTokens(releaseToken, milestoneToken);
        this.repositories = repositories;
        this.queue = queue;
        this.message = message;
    }

    @Override
    public void handle(Context ctx) {
        if (!tokens.bearer(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer");
            ctx.status(HttpStatus.UNAUTHORIZED).json(Map.of("message", "Unauthenticated."));
            return;
        }
        // Read from the raw target (/repository/{name}/release): a broken escape is a name no repository has.
        RequestPath path = RequestPath.of(ctx.req().getRequestURI());
        String name = path.segment(2).orElse(path.raw(2));
        if (path.length() != 4 || repositories.find(name).isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("message", "Repository '" + name + "' not found."));
            return;
        }
        UUID job = queue.release(name);
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("message", message);
        answer.put("job_id", job.toString());
        ctx.status(HttpStatus.OK).json(answer);
    }

}
