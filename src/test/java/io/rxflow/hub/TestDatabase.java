package io.rxflow.hub;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The integration tests' database. Failsafe runs IT classes in several JVMs side by side and gives
 * each its own database ({@code RXFLOW_TEST_DB_URL} as a system property, {@code <base>_<fork>},
 * see pom.xml); with {@code rxflow.test.create-database=true} this listener creates it before the
 * first test of the JVM when the server does not have it yet. Plain {@code mvn test} never sets
 * the flag and never connects.
 */
public final class TestDatabase implements LauncherSessionListener {
    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    /** This JVM's test database URL: the system property first (Failsafe), then the environment. */
    public static String url() {
        String url = System.getProperty("RXFLOW_TEST_DB_URL");
        if (url == null || url.isBlank()) {
            url = System.getenv().getOrDefault("RXFLOW_TEST_DB_URL", DEFAULT_URL);
        }
        return url;
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (Boolean.getBoolean("rxflow.test.create-database")) {
            createIfMissing(url());
        }
    }

    static void createIfMissing(String url) {
        int slash = url.lastIndexOf('/');
        String name = url.substring(slash + 1);
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalStateException("test database name must be a plain lower-case identifier: " + name);
        }
        String user = System.getenv().getOrDefault("RXFLOW_TEST_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("RXFLOW_TEST_DB_PASSWORD", "");
        try (var admin = DriverManager.getConnection(url.substring(0, slash + 1) + "postgres", user, password);
                var exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (var rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (var create = admin.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created by another JVM just now
                throw new IllegalStateException("cannot create the test database " + name + " at " + url, e);
            }
        }
    }
}
