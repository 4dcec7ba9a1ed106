package io.rxflow.hub;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the {@code *IT} tests: the whole hub, real routes, HTTP on a random port, against the
 * local PostgreSQL with a schema cleaned and migrated once per Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
@Import(HubIntegrationTest.CleanSchema.class)
public abstract class HubIntegrationTest {
    protected static final String API_KEY = "it-key-one";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected HubClient hub() {
        return new HubClient("http://127.0.0.1:" + port, API_KEY);
    }

    /** Starts every test context from an empty schema, so runs never see each other's data. */
    @TestConfiguration
    static class CleanSchema {
        @Bean
        FlywayMigrationStrategy cleanThenMigrate() {
            return (Flyway flyway) -> {
                flyway.clean();
                flyway.migrate();
            };
        }
    }
}
