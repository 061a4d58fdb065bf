package dev.parceler.netifyd;

/** The catalogues netifyd reads: their path under {@code /api/netifyd/} and on Netify's integrator API alike. */
enum Catalog {
    APPLICATIONS_CATALOG("applications/catalog"),
    APPLICATIONS_CATEGORIES("applications/categories"),
    PROTOCOLS_CATALOG("protocols/catalog"),
    PROTOCOLS_CATEGORIES("protocols/categories");

    private final String path;

    Catalog(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }
}
