package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded-defaults run: no database configured, so the hub runs its own PostgreSQL under the
 * data folder and generates its API key there; the same SQL and guarantees hold.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rxflow.data-dir=target/embedded-defaults-it", "rxflow.api.keys=", "rxflow.db.url="})
class EmbeddedDefaultsIT {
    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void runsOnItsOwnPostgresWithAGeneratedKey() throws IOException {
        Path keyFile = Path.of("target/embedded-defaults-it/api-key");
        assertThat(keyFile).exists();
        String key = Files.readString(keyFile).strip();
        assertThat(jdbc.queryForObject("SHOW server_version", String.class)).startsWith("17.");

        var hub = new HubClient("http://127.0.0.1:" + port, key);
        String envelope = Fixtures.named("valid", "lisinopril-daily-envelope")
                .envelope()
                .replace("ORD-2026-000117", "ORD-EMBEDDED-" + System.nanoTime());
        var created = hub.post("/api/v1/prescriptions", "application/json", envelope);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(hub.post("/api/v1/prescriptions", "application/json", envelope)
                        .statusCode())
                .isEqualTo(200);
        assertThat(hub.get("/actuator/health").body()).contains("\"status\":\"UP\"");
    }
}
