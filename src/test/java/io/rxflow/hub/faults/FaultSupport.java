package io.rxflow.hub.faults;

import io.rxflow.hub.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Small helpers shared by the fault tests: ports, databases, result files. */
public final class FaultSupport {
    /** The packaged jar (Failsafe runs after {@code package}): what an operator runs. */
    public static final Path JAR = Path.of("target/rxflow-hub.jar");

    private FaultSupport() {}

    /** Ports handed out in this JVM: a port picked free and closed again can be handed out again at once. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** A free port on 127.0.0.1 that this JVM has not handed out before (a cluster picks six in a row). */
    public static int freePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (var socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("No free port on 127.0.0.1 that was not handed out already");
    }

    /** A bounded pause inside a polling loop (never a bare sleep as a wait for a condition). */
    public static void pause(Duration d) {
        LockSupport.parkNanos(d.toNanos());
    }

    /** The local PostgreSQL server's base URL, from RXFLOW_TEST_DB_URL's host and port when set. */
    public static String serverUrl() {
        String url = TestDatabase.url();
        return url.substring(0, url.lastIndexOf('/') + 1);
    }

    /** Drops and creates a database of this test JVM's own. */
    public static String freshDatabase(String prefix) {
        String name = prefix + "_" + ProcessHandle.current().pid();
        admin().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        admin().execute("CREATE DATABASE " + name);
        return name;
    }

    /** A fresh database of this test JVM's own, migrated by the hub's own migrations (no hub started). */
    public static String migratedDatabase(String prefix) {
        String name = freshDatabase(prefix);
        Flyway.configure()
                .dataSource(serverUrl() + name, "postgres", "")
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return name;
    }

    public static void dropDatabase(String name) {
        if (name != null) {
            admin().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    public static JdbcTemplate admin() {
        return jdbc("postgres");
    }

    public static JdbcTemplate jdbc(String database) {
        return new JdbcTemplate(new DriverManagerDataSource(serverUrl() + database, "postgres", ""));
    }

    /** A logback configuration at INFO with Kafka's loggers at WARN, for child JVMs without one. */
    public static Path quietLogback(Path dir) {
        Path file = dir.resolve("logback-quiet.xml");
        try {
            Files.createDirectories(dir);
            Files.writeString(
                    file,
                    """
                    <configuration>
                      <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                      </appender>
                      <logger name="kafka" level="WARN"/>
                      <logger name="org.apache.kafka" level="WARN"/>
                      <logger name="state.change.logger" level="WARN"/>
                      <root level="INFO"><appender-ref ref="OUT"/></root>
                    </configuration>
                    """);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a test's measured figures to {@code target/faults/<name>.properties} and prints them. */
    public static void report(String name, Properties figures) {
        try {
            Path dir = Path.of("target/faults");
            Files.createDirectories(dir);
            try (var out = Files.newBufferedWriter(dir.resolve(name + ".properties"))) {
                figures.store(out, name);
            }
            System.out.println("FAULT-REPORT " + name + " " + figures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
