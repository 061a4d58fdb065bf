package dev.parceler.signature;

import dev.parceler.database.Transaction;
import dev.parceler.repository.RepositoryStorageException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/** The {@code trusted_keys} table: per repository, the keys its feeds must be signed with. */
public final class TrustedKeyStore {
    /** The most keys one repository may trust: a distribution's keyring holds a handful. */
    public static final int MAX_KEYS = 32;

    private final DataSource dataSource;
    private final Clock clock;

    public TrustedKeyStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The repository's keys; {@link Keyring#NONE} when its signatures are not checked. */
    public Keyring keyring(String repository) {
        List<TrustedKey> keys = new ArrayList<>();
        String sql = "SELECT key_id, key_text FROM trusted_keys WHERE repository = ? ORDER BY key_id";
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, repository);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    keys.addAll(TrustedKey.read("key " + id, rows.getString(2).getBytes(StandardCharsets.UTF_8)));
                }
            }
        } catch (SQLException e) {
            throw new RepositoryStorageException("Cannot read the trusted keys of '" + repository + "'", e);
        }
        return new Keyring(keys);
    }

    /** The repositories that trust at least one key. */
    public Set<String> checked() {
        Set<String> names = new TreeSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT DISTINCT repository FROM trusted_keys");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new RepositoryStorageException("Cannot read the trusted keys", e);
        }
        return names;
    }

    /** Replaces the repository's keys with {@code keys} (none: its signatures are no longer checked), in one transaction. */
    public void replace(String repository, List<TrustedKey> keys) {
        Map<String, TrustedKey> byId = new TreeMap<>();
        keys.forEach(key -> byId.put(key.id(), key));
        if (byId.size() > MAX_KEYS) {
            throw new InvalidKeyException("A repository trusts at most " + MAX_KEYS + " keys; " + byId.size() + " were given.");
        }
        try {
            Transaction.run(dataSource, connection -> {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM trusted_keys WHERE repository = ?");
                        PreparedStatement insert = connection.prepareStatement(
                                "INSERT INTO trusted_keys (repository, key_id, kind, key_text, added_at) VALUES (?, ?, ?, ?, ?)")) {
                    delete.setString(1, repository);
                    delete.executeUpdate();
                    for (TrustedKey key : byId.values()) {
                        insert.setString(1, repository);
                        insert.setString(2, key.id());
                        insert.setString(3, key.kind());
                        insert.setString(4, key.text());
                        insert.setString(5, clock.instant().toString());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new RepositoryStorageException("Cannot change the trusted keys of '" + repository + "'", e);
        }
    }
}
