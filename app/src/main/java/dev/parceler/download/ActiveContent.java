package dev.parceler.download;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;

/**
 * Mirrored files never run on the console's origin. Every download says {@code
 * X-Content-Type-Options: nosniff}, so a browser never reads a package as a page; a file a browser
 * would run (HTML, SVG, XML and its style sheets) also gets {@code Content-Security-Policy:
 * sandbox}: opened in a browser, its scripts run, if at all, in an origin of their own, which holds
 * no admin's session cookie and cannot read a console page's CSRF token. The nginx front adds the
 * same to the files it sends itself (nginx/parceler.conf.template).
 */
public final class ActiveContent {
    /** File name endings a browser renders as a document that can hold scripts. */
    static final Set<String> ACTIVE = Set.of("html", "htm", "xhtml", "shtml", "svg", "svgz", "xml", "xsl", "xslt", "mht", "mhtml");
    public static final String SANDBOX = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private ActiveContent() {
    }

    public static boolean active(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot >= 0 && ACTIVE.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The headers of a download of {@code fileName}. */
    static void guard(Context ctx, String fileName) {
        ctx.header("X-Content-Type-Options", "nosniff");
        if (active(fileName)) {
            ctx.header("Content-Security-Policy", SANDBOX);
        }
    }
}
