package dev.parceler.database;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells the pool which failures leave a connection unusable. After SQLITE_FULL (a full disk) or
 * an I/O error during a commit, SQLite has rolled the transaction back under the driver, and
 * every later commit on that connection fails with "no transaction is active", long after the
 * disk has room again: such a connection is closed instead of going back to the pool.
 */
public final class BrokenConnections implements SQLExceptionOverride {
    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && (message.contains("SQLITE_FULL") || message.contains("SQLITE_IOERR")
                    || message.contains("no transaction is active"))) {
                return SQLExceptionOverride.Override.MUST_EVICT;
            }
        }
        return SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
