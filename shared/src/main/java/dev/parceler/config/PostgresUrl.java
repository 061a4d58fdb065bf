package dev.parceler.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code DB_URL}: {@code postgresql://user:password@host:port/database?options} (also
 * {@code postgres://}, as Laravel and libpq take it) or the JDBC form
 * {@code jdbc:postgresql://host:port/database?user=…&password=…}. Parts it leaves out are empty,
 * so the separate variables can fill them in. Messages never repeat the URL: it may hold the password.
 */
record PostgresUrl(Optional<String> host, Optional<Integer> port, Optional<String> database, Optional<String> username,
        Optional<String> password, String options) {

    static PostgresUrl parse(String raw) {
        String text = raw.startsWith("jdbc:") ? raw.substring("jdbc:".length()) : raw;
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw malformed("it is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
            throw malformed("its scheme must be postgresql:// (or jdbc:postgresql://)");
        }
        if (uri.getRawAuthority() != null && uri.getHost() == null) {
            throw malformed("its host is not a host name or an IP address");
        }
        Optional<String> host = Optional.ofNullable(uri.getHost()).filter(name -> !name.isEmpty())
                .map(name -> name.startsWith("[") ? name.substring(1, name.length() - 1) : name);
        Optional<Integer> port = uri.getPort() < 0 ? Optional.empty()
                : Optional.of(SettingsReader.portNumber("DB_URL's port", Integer.toString(uri.getPort())));
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        Optional<String> database = Optional.of(decode(path.startsWith("/") ? path.substring(1) : path)).filter(name -> !name.isEmpty());
        Optional<String> username = Optional.empty();
        Optional<String> password = Optional.empty();
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            username = Optional.of(decode(parts[0])).filter(name -> !name.isEmpty());
            password = parts.length > 1 ? Optional.of(decode(parts[1])) : Optional.empty();
        }
        List<String> options = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                String value = parts.length > 1 ? decode(parts[1]) : "";
                switch (parts[0]) {
                    case "user" -> username = Optional.of(value).filter(name -> !name.isEmpty());
                    case "password" -> password = Optional.of(value);
                    case "" -> {
                        // an empty pair, as in "?&sslmode=require"
                    }
                    default -> options.add(pair);
                }
            }
        }
        return new PostgresUrl(host, port, database, username, password, String.join("&", options));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static SettingsException malformed(String why) {
        return new SettingsException("DB_URL must be a PostgreSQL URL such as postgresql://parceler:secret@db.example:5432/parceler"
                + " or jdbc:postgresql://db.example:5432/parceler, but " + why + ".");
    }
}
