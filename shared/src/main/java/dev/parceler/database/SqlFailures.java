package dev.parceler.database;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Reads what a failed statement means, whichever database answered: stores ask here instead of
 * knowing the drivers' exceptions.
 */
public final class SqlFailures {
    /** The SQL standard's state of a unique violation, which PostgreSQL reports. */
    private static final String UNIQUE_VIOLATION = "23505";

    private SqlFailures() {
    }

    /** True when the statement failed because a row with the same unique key exists. */
    public static boolean isUniqueViolation(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE) {
                return true;
            }
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
