package dev.parceler.metrics;

import dev.parceler.auth.Realm;
import java.util.concurrent.atomic.LongAdder;

/**
 * Downloads answered by this process, by realm and status class (2xx, 3xx, 4xx, 5xx). Counted
 * from the request log hook with one adder increment: no lookup, no lock, no database.
 */
public final class DownloadCounts {
    static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    private static final String COMMUNITY = "/repository/community/";
    private static final String ENTERPRISE = "/repository/enterprise/";

    private final LongAdder[][] counts = new LongAdder[Realm.values().length][CLASSES.length];

    public DownloadCounts() {
        for (LongAdder[] realm : counts) {
            for (int i = 0; i < realm.length; i++) {
                realm[i] = new LongAdder();
            }
        }
    }

    /** Counts a request when it was a download ({@code GET}/{@code HEAD} under a realm's path). */
    public void answered(String method, String path, int status) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return;
        }
        Realm realm = path.startsWith(COMMUNITY) ? Realm.COMMUNITY : path.startsWith(ENTERPRISE) ? Realm.ENTERPRISE : null;
        if (realm == null || status < 100 || status > 599) {
            return;
        }
        counts[realm.ordinal()][status / 100 - 1].increment();
    }

    long count(Realm realm, int statusClass) {
        return counts[realm.ordinal()][statusClass].sum();
    }
}
