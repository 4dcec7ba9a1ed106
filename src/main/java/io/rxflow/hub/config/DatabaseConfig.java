package io.rxflow.hub.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's one DataSource. With {@code rxflow.db.url} set it is that PostgreSQL; without it the hub
 * runs a real PostgreSQL server from the jar, its files under the data folder, so the SQL, migrations
 * and guarantees are exactly those of production.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {
    private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);
    /** Longest wait for a pooled connection, in milliseconds. */
    static final long CONNECTION_TIMEOUT_MS = 5_000;

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(HubProperties props, DataFolder dataFolder, EmbeddedDatabase embedded) {
        var config = new HikariConfig();
        config.setPoolName("rxflow-db");
        config.setMaximumPoolSize(props.db().poolSize());
        // Hikari's default 30 s would hold a request (and a readiness check) half a minute while the
        // database is unreachable; after 5 s the client gets 503 with Retry-After instead.
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        if (props.db().embedded()) {
            config.setJdbcUrl(embedded.jdbcUrl());
            config.setUsername("postgres");
        } else {
            config.setJdbcUrl(props.db().url());
            config.setUsername(props.db().user());
            config.setPassword(props.db().password());
        }
        return new HikariDataSource(config);
    }

    @Bean
    DataFolder dataFolder(HubProperties props) {
        return new DataFolder(props.dataDir());
    }

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(HubProperties props, DataFolder dataFolder) {
        if (!props.db().embedded()) {
            return EmbeddedDatabase.NONE;
        }
        OrphanedPostmaster.stopIfOrphaned(dataFolder.resolve("postgres"));
        var binaries = new UnpackedBinaries(dataFolder.resolve("postgres-binaries"));
        binaries.discardUnconfirmed();
        UnpackedBinaries.discardNeverStarted(dataFolder.resolve("postgres"));
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataFolder.resolve("postgres"))
                    .setCleanDataDirectory(false)
                    // The PostgreSQL binaries are unpacked under the data folder too, not in a shared
                    // /tmp cache: a fresh folder (every test context) proves the unpacking works.
                    .setOverrideWorkingDirectory(binaries.folder().toFile())
                    // Acknowledged means on disk: keep PostgreSQL's durable commit, which the library turns off.
                    .setServerConfig("synchronous_commit", "on")
                    // The library starts PostgreSQL with -F (fsync off); a later -c wins, so a 201 survives
                    // a power loss on embedded defaults too.
                    .setServerConfig("fsync", "on")
                    // Stopped by close() below, after everything that uses it: the library's own JVM
                    // shutdown hook would stop it at SIGTERM alongside Spring's, under routes still draining.
                    .setRegisterShutdownHook(false)
                    .start();
            binaries.confirm();
            log.info(
                    "Embedded PostgreSQL started on port {} with data in {}",
                    pg.getPort(),
                    dataFolder.resolve("postgres"));
            return new EmbeddedDatabase(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL under " + props.dataDir(), e);
        }
    }

    /** The embedded server, or {@link #NONE} when an external database is configured. */
    static final class EmbeddedDatabase implements AutoCloseable {
        static final EmbeddedDatabase NONE = new EmbeddedDatabase(null);
        private final EmbeddedPostgres server;

        EmbeddedDatabase(EmbeddedPostgres server) {
            this.server = server;
        }

        String jdbcUrl() {
            return server.getJdbcUrl("postgres", "postgres");
        }

        @Override
        public void close() throws IOException {
            if (server != null) {
                server.close();
            }
        }
    }
}
