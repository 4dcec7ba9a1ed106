package io.rxflow.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rxflow.hub.Fixtures;
import io.rxflow.hub.HubClient;
import io.rxflow.hub.HubIntegrationTest;
import io.rxflow.hub.api.RouteWorkers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Slow uploads (slowloris on the body) cannot take the hub down: without a key they get 401 and the
 * connection is closed at once; with one, at most {@code max-concurrent-uploads} bodies are read at
 * a time and the rest get 503; those being read get 408 at the upload deadline, which frees their
 * slots. Nor can slow routes: beyond the route threads and their queue a request gets 503 at once.
 * Request and route threads are few here so that a leak would show.
 */
@TestPropertySource(
        properties = {
            "server.tomcat.threads.max=20",
            "rxflow.api.max-concurrent-uploads=4",
            "rxflow.api.upload-deadline=15s",
            "rxflow.api.route-threads=2",
            "rxflow.api.route-queue=1"
        })
// Its own context, used by no other class: closed now rather than among the others at JVM exit.
@DirtiesContext
class SlowUploadIT extends HubIntegrationTest {
    @Autowired
    private DataSource dataSource;

    @Autowired
    private RouteWorkers workers;

    private static final int ANONYMOUS = 30;
    private static final int AUTHENTICATED = 8;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<SlowUpload> uploads = new ArrayList<>();
    private final ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService readers = Executors.newCachedThreadPool();

    @Test
    void slowUploadsNeitherHoldRequestThreadsNorStarveOtherCalls() throws Exception {
        for (int i = 0; i < ANONYMOUS; i++) {
            uploads.add(open(null));
        }
        for (int i = 0; i < AUTHENTICATED; i++) {
            uploads.add(open(API_KEY));
        }
        // One byte per socket every 200 ms, for at most a minute: the test ends the uploads itself.
        var ticks = new AtomicInteger();
        drip.scheduleAtFixedRate(
                () -> {
                    if (ticks.incrementAndGet() <= 300) {
                        uploads.forEach(SlowUpload::sendOneByte);
                    }
                },
                200,
                200,
                TimeUnit.MILLISECONDS);

        List<SlowUpload> anonymous = uploads.subList(0, ANONYMOUS);
        List<SlowUpload> keyed = uploads.subList(ANONYMOUS, uploads.size());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(anonymous)
                .allMatch(u -> u.status().startsWith("HTTP/1.1 401") && u.closed));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        keyed.stream().filter(u -> u.status().startsWith("HTTP/1.1 503") && u.closed))
                .hasSize(AUTHENTICATED - 4));
        assertThat(anonymous).allMatch(u -> u.sent.get() < 1000);

        assertThat(call("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(call("/api/v1/pharmacies", API_KEY).statusCode()).isEqualTo(200);
        // The preview reads a body like intake does and stores nothing, so nothing is left to deliver.
        var busy = hub().post("/api/v1/script/preview", "application/json", validEnvelope());
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).contains("1");

        // The four being read still trickle a byte every 200 ms: the deadline, not the client, ends them.
        List<SlowUpload> held = keyed.stream()
                .filter(u -> !u.status().startsWith("HTTP/1.1 503"))
                .toList();
        assertThat(held).hasSize(4);
        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> assertThat(held).allMatch(u -> u.status().startsWith("HTTP/1.1 408") && u.closed));
        assertThat(held).allMatch(u -> u.sent.get() < 150);
        var after = hub().post("/api/v1/script/preview", "application/json", validEnvelope());
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
    }

    @Test
    void routesBeyondTheirThreadsAndQueueAreRefusedWith503AndNothingOfThemIsStored() throws Exception {
        HubClient client = hub();
        try (Connection lock = dataSource.getConnection()) {
            // The read model locked: the intake's group commit waits, and with it the routes that submitted.
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE prescription IN ACCESS EXCLUSIVE MODE");
            }
            List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                String order = "ORD-BUSY-" + i;
                waiting.add(CompletableFuture.supplyAsync(
                        () -> client.post("/api/v1/prescriptions", "application/json", envelope(order)), readers));
            }
            // Two routes waiting on the commit, the third request waiting for one of their threads.
            await().atMost(Duration.ofSeconds(20)).until(() -> workers.active() == 2 && workers.queued() == 1);

            var refused = client.post("/api/v1/prescriptions", "application/json", envelope("ORD-BUSY-4"));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("1");
            assertThat(refused.body()).contains("\"resourceType\":\"OperationOutcome\"", "busy");
            // Health and metrics do not run on the route threads.
            assertThat(call("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
            assertThat(call("/actuator/metrics/rxflow.http.refused", null).body())
                    .contains("\"value\":1.0");

            lock.rollback();
            for (var answer : waiting) {
                var response = answer.get(30, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            }
        }
        assertThat(jdbc.queryForList(
                        "SELECT medication_request #>> '{identifier,0,value}' FROM prescription"
                                + " WHERE medication_request #>> '{identifier,0,value}' LIKE 'ORD-BUSY-%' ORDER BY 1",
                        String.class))
                .containsExactly("ORD-BUSY-1", "ORD-BUSY-2", "ORD-BUSY-3");
    }

    @AfterEach
    void stopUploads() {
        drip.shutdownNow();
        uploads.forEach(SlowUpload::close);
        readers.shutdownNow();
    }

    private SlowUpload open(String apiKey) throws IOException {
        var socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(60_000);
        String head = "POST /api/v1/prescriptions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 100000\r\n"
                + (apiKey == null ? "" : "X-API-Key: " + apiKey + "\r\n") + "\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        var upload = new SlowUpload(socket);
        readers.submit(upload::readAnswer);
        return upload;
    }

    private static String envelope(String orderNumber) {
        return Fixtures.named("valid", "lisinopril-daily-envelope").readdressed(orderNumber, "1234563");
    }

    private static String validEnvelope() {
        return Fixtures.named("valid", "lisinopril-daily-envelope").envelope();
    }

    private HttpResponse<String> call(String path, String apiKey) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One client sending its body a byte at a time; records the answer's status line and the close. */
    private static final class SlowUpload {
        private final Socket socket;
        private final AtomicInteger sent = new AtomicInteger();
        private volatile String status = "";
        private volatile boolean closed;

        SlowUpload(Socket socket) {
            this.socket = socket;
        }

        String status() {
            return status;
        }

        void sendOneByte() {
            if (closed) {
                return;
            }
            try {
                OutputStream out = socket.getOutputStream();
                out.write(' ');
                out.flush();
                sent.incrementAndGet();
            } catch (IOException e) {
                closed = true;
            }
        }

        void readAnswer() {
            try {
                InputStream in = socket.getInputStream();
                var line = new StringBuilder();
                int c;
                while ((c = in.read()) != -1) {
                    if (status.isEmpty() && c == '\n') {
                        status = line.toString().strip();
                    } else if (status.isEmpty()) {
                        line.append((char) c);
                    }
                }
            } catch (IOException e) {
                // A reset after the answer is a close too.
            }
            closed = true;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing is best effort at the end of the test.
            }
        }
    }
}
