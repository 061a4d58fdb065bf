package dev.parceler.web;

import io.javalin.config.RoutesConfig;

/**
 * The operator console: the status page and its API ({@link StatusRoutes}), sign-in and sign-out
 * ({@link SignInRoutes}), the repository pages and their actions ({@link RepositoryActionRoutes}).
 * Every form carries a CSRF token; only these routes read the session, downloads never do.
 */
public final class ConsoleRoutes {
    private final StatusRoutes status;
    private final SignInRoutes signIn;
    private final RepositoryActionRoutes repositories;

    ConsoleRoutes(StatusRoutes status, SignInRoutes signIn, RepositoryActionRoutes repositories) {
        this.status = status;
        this.signIn = signIn;
        this.repositories = repositories;
    }

    public void addTo(RoutesConfig routes) {
        status.addTo(routes);
        signIn.addTo(routes);
        repositories.addTo(routes);
    }
}
