package dev.parceler.web;

import dev.parceler.admin.AdminSessions;
import dev.parceler.audit.AuditLog;
import dev.parceler.repository.Repository;
import dev.parceler.repository.RepositoryStore;
import dev.parceler.snapshot.FreezeException;
import dev.parceler.snapshot.SnapshotFreeze;
import dev.parceler.snapshot.SnapshotRollback;
import dev.parceler.sync.JobQueue;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A repository's page and its actions ({@link ConsoleAction}), for signed-in admins only; every
 * action carries the session's CSRF token and a reason, kept in the audit log.
 */
final class RepositoryActionRoutes {
    /** The console's one logger: its lines read as one story whichever route wrote them. */
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);

    private final ConsoleView view;
    private final StatusReport status;
    private final RepositoryPage repositoryPage;
    private final RepositoryStore repositories;
    private final SnapshotFreeze freezes;
    private final SnapshotRollback rollbacks;
    private final JobQueue jobs;
    private final AuditLog audit;

    RepositoryActionRoutes(ConsoleView view, StatusReport status, RepositoryPage repositoryPage, RepositoryStore repositories,
            SnapshotFreeze freezes, SnapshotRollback rollbacks, JobQueue jobs, AuditLog audit) {
        this.view = view;
        this.status = status;
        this.repositoryPage = repositoryPage;
        this.repositories = repositories;
        this.freezes = freezes;
        this.rollbacks = rollbacks;
        this.jobs = jobs;
        this.audit = audit;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/repositories/{name}", this::repositoryPage);
        routes.post("/repositories/{name}/{action}", this::action);
    }

    private void repositoryPage(Context ctx) {
        Optional<AdminSessions.SignedIn> admin = view.signedIn(ctx);
        if (admin.isEmpty()) {
            view.toLogin(ctx, ctx.path());
            return;
        }
        Optional<Repository> repository = repositories.find(ctx.pathParam("name"));
        if (repository.isEmpty()) {
            view.message(ctx, HttpStatus.NOT_FOUND, admin, "Not found", "There is no repository named '" + ctx.pathParam("name") + "'.");
            return;
        }
        renderRepository(ctx, HttpStatus.OK, admin.get(), repository.get(), Optional.ofNullable(ctx.queryParam("done")), Optional.empty());
    }

    private void renderRepository(Context ctx, HttpStatus code, AdminSessions.SignedIn admin, Repository repository, Optional<String> done,
            Optional<String> error) {
        ServiceStatus.RepositoryStatus row = status.repository(repository, List.of());
        Map<String, Object> model = view.model(Optional.of(admin), repository.name());
        model.put("page", repositoryPage.of(repository, row));
        done.flatMap(ConsoleAction::of).ifPresent(action -> model.put("done", action.label()));
        error.ifPresent(text -> model.put("error", text));
        view.html(ctx, code, "repository", model);
    }

    private void action(Context ctx) {
        Optional<AdminSessions.SignedIn> admin = view.signedIn(ctx);
        if (admin.isEmpty()) {
            view.message(ctx, HttpStatus.FORBIDDEN, admin, "Sign in first", "Your session has ended. Sign in and try again.");
            return;
        }
        if (!ConsoleView.sameToken(ctx.formParam(ConsoleView.CSRF_FIELD), admin.get().csrfToken())) {
            view.csrfRefused(ctx, admin);
            return;
        }
        Optional<ConsoleAction> action = ConsoleAction.of(ctx.pathParam("action"));
        Optional<Repository> repository = repositories.find(ctx.pathParam("name"));
        if (repository.isEmpty() || action.isEmpty()) {
            view.message(ctx, HttpStatus.NOT_FOUND, admin, "Not found", "There is no such repository or action.");
            return;
        }
        String name = repository.get().name();
        String label = action.get().label();
        String reason = Optional.ofNullable(ctx.formParam("reason")).map(String::strip).orElse("");
        if (reason.isEmpty()) {
            renderRepository(ctx, HttpStatus.BAD_REQUEST, admin.get(), repository.get(), Optional.empty(),
                    Optional.of("Give a reason for the " + label + "."));
            return;
        }
        if (reason.length() > AuditLog.MAX_REASON) {
            renderRepository(ctx, HttpStatus.BAD_REQUEST, admin.get(), repository.get(), Optional.empty(),
                    Optional.of("A reason has at most " + AuditLog.MAX_REASON + " characters."));
            return;
        }
        Optional<String> detail;
        try {
            detail = perform(action.get(), repository.get(), Optional.ofNullable(ctx.formParam("snapshot")).filter(s -> !s.isBlank()));
        } catch (FreezeException e) {
            renderRepository(ctx, HttpStatus.CONFLICT, admin.get(), repositories.find(name).orElse(repository.get()), Optional.empty(),
                    Optional.of(e.getMessage()));
            return;
        }
        audit.record(name, label, detail, reason, admin.get().admin());
        status.changed();
        LOG.info("Console: {} {} of '{}'{}", admin.get().admin(), label, name, detail.map(d -> " on '" + d + "'").orElse(""));
        ctx.status(HttpStatus.SEE_OTHER).header("Location", "/repositories/" + name + "?done=" + label);
    }

    /** Does {@code action}; returns the snapshot it concerns, for the audit log, if any. */
    private Optional<String> perform(ConsoleAction action, Repository repository, Optional<String> snapshot) {
        String name = repository.name();
        switch (action) {
            case SYNC -> jobs.sync(name);
            case RELEASE -> jobs.release(name);
            case FREEZE -> {
                String target = freezes.target(name, snapshot);
                freezes.freeze(name, target);
                return Optional.of(target);
            }
            case UNFREEZE -> {
                Optional<String> left = repository.freeze();
                freezes.unfreeze(name);
                return left;
            }
            case ROLLBACK -> {
                return Optional.of(rollbacks.rollBack(name, snapshot).to());
            }
        }
        return Optional.empty();
    }
}
