package dev.parceler.database;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Work done on one connection in one transaction: committed whole, or rolled back whole when it fails. */
public final class Transaction {
    private Transaction() {
    }

    /** What runs inside the transaction, on its connection. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    public static <T> T run(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.on(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
