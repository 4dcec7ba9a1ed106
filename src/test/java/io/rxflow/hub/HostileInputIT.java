package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Sends every case of the hostile corpus ({@code fixtures/hostile/index.md}) to its endpoint: the
 * expected 4xx with an OperationOutcome, nothing stored, no canary URL called, and no PHI of the
 * corpus patient in any log line. Plus the cases that are headers rather than bodies: API key
 * variants, CRLF in a header, the per-key rate limit.
 */
class HostileInputIT extends HubIntegrationTest {
    static final Path CORPUS = Path.of("src/test/resources/fixtures/hostile");
    /** The corpus patient: none of these may reach a log line. */
    static final List<String> PHI = List.of("Quokkafield", "Zephyrine", "1931-02-03");

    private static final Map<String, String> ENDPOINTS = Map.of(
            "envelope", "/api/v1/prescriptions",
            "preview", "/api/v1/script/preview",
            "create", "/fhir/r5/MedicationRequest",
            "transaction", "/fhir/r5",
            "r4-create", "/fhir/r4/MedicationRequest",
            "r4-bundle", "/fhir/r4");

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final AtomicInteger canaryCalls = new AtomicInteger();
    private HttpServer canary;

    /** A {@code why} that starts with {@code [rule]}: the rule the refusal must be audited under. */
    private static final Pattern RULE = Pattern.compile("\\[([a-z0-9-]+)]");

    /** One row of the index. */
    record Case(String path, String endpoint, String contentType, int status, String why) {}

    @BeforeEach
    void captureLogsAndStartCanary() throws IOException {
        logs.start();
        root().addAppender(logs);
        canary = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        canary.createContext("/", exchange -> {
            canaryCalls.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        canary.start();
    }

    @AfterEach
    void stop() {
        root().detachAppender(logs);
        canary.stop(0);
    }

    @Test
    void refusesEveryCorpusCaseWithItsStatusAnOutcomeAndNothingStored() throws IOException {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThan(60);
        var soft = new SoftAssertions();
        int before = prescriptions();
        for (Case c : cases) {
            byte[] body = body(c.path());
            String correlation = "hostile-" + UUID.randomUUID();
            var request = hub().request(ENDPOINTS.get(c.endpoint()))
                    .header("Content-Type", c.contentType())
                    .header("X-Correlation-ID", correlation)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<String> response = hub().send(request);
            String label = c.path() + " -> " + c.endpoint() + " (" + c.contentType() + "): " + c.why();
            soft.assertThat(response.statusCode())
                    .as(label + "\n" + abbreviated(response.body()))
                    .isEqualTo(c.status());
            soft.assertThat(isOutcome(response))
                    .as("OperationOutcome for " + label)
                    .isTrue();
            soft.assertThat(prescriptions()).as("nothing stored for " + label).isEqualTo(before);
            Matcher rule = RULE.matcher(c.why());
            if (rule.lookingAt()) {
                soft.assertThat(jdbc.queryForList(
                                "SELECT rule FROM intake_rejection WHERE correlation_id = ?",
                                String.class,
                                correlation))
                        .as("the refusal's audited rule for " + label + "\n" + abbreviated(response.body()))
                        .contains(rule.group(1));
            }
        }
        soft.assertThat(canaryCalls.get()).as("calls to URLs named in payloads").isZero();
        soft.assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'prescription'",
                        Integer.class))
                .as("the prescription table survived the SQL-like text")
                .isEqualTo(1);
        soft.assertThat(phiInLogs())
                .as("log lines with the corpus patient's name or birth date")
                .isEmpty();
        soft.assertAll();
    }

    @Test
    void refusesApiKeyVariantsWithoutReadingTheBody() {
        String envelope = read("base-envelope.json");
        int before = prescriptions();
        for (String key :
                List.of("", "it-key-on", "it-key-one2", "IT-KEY-ONE", "it-key-one,it-key-two", "${RXFLOW_API_KEYS}")) {
            var response = new HubClient("http://127.0.0.1:" + port, null)
                    .send(hub().request("/api/v1/prescriptions")
                            .setHeader("X-API-Key", key)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(envelope))
                            .build());
            assertThat(response.statusCode()).as("key '%s'", key).isEqualTo(401);
            assertThat(isOutcome(response)).isTrue();
        }
        var keyless = new HubClient("http://127.0.0.1:" + port, null);
        for (String query : List.of("?X-API-Key=" + API_KEY, "?api_key=" + API_KEY, "?apiKey=" + API_KEY)) {
            var response = keyless.post("/api/v1/prescriptions" + query, "application/json", envelope);
            assertThat(response.statusCode()).as("key in the query %s", query).isEqualTo(401);
        }
        // A 1 MB key: Tomcat refuses the header block (8 KB) before the hub sees it.
        String huge = "k".repeat(1 << 20);
        String answer = raw("POST /api/v1/prescriptions HTTP/1.1\r\nHost: x\r\nX-API-Key: " + huge
                + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertThat(answer).startsWith("HTTP/1.1 4");
        assertThat(prescriptions()).isEqualTo(before);
        assertThat(phiInLogs()).isEmpty();
    }

    @Test
    void refusesCrAndLfInsideAHeaderAndInjectsNothing() {
        for (String header : List.of(
                "X-Correlation-ID: a\rX-Injected: 1",
                "X-Correlation-ID: a\nX-Injected: 1",
                "X-Correlation-ID: a\u0000b")) {
            String answer = raw("GET /api/v1/pharmacies HTTP/1.1\r\nHost: x\r\nX-API-Key: " + API_KEY + "\r\n" + header
                    + "\r\nConnection: close\r\n\r\n");
            String head = answer.split("\r\n\r\n", 2)[0];
            // A bare CR or NUL is refused by Tomcat; a bare LF ends a header line (RFC 9112 allows it), so
            // X-Injected is then a request header of its own. Either way nothing reaches the answer.
            assertThat(head).as(header).startsWith("HTTP/1.1 ").doesNotContain("X-Injected");
            assertThat(head.lines().filter(l -> l.toLowerCase().startsWith("x-correlation-id")))
                    .allMatch(l -> l.matches("(?i)x-correlation-id: [A-Za-z0-9._:-]{1,64}"));
        }
    }

    @Test
    void answers429WithRetryAfterWhenAKeyExceedsItsRate() {
        var throttled = new HubClient("http://127.0.0.1:" + port, "it-key-throttled");
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 6; i++) {
            last = throttled.get("/api/v1/pharmacies");
            statuses.add(last.statusCode());
        }
        assertThat(statuses.subList(0, 3)).containsOnly(200);
        assertThat(statuses).contains(429);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
        assertThat(isOutcome(last)).isTrue();
        // Other keys are not affected.
        assertThat(hub().get("/api/v1/pharmacies").statusCode()).isEqualTo(200);
    }

    @Test
    void neverServesStoredResourcesAsHtml() {
        var created = hub().post("/api/v1/prescriptions", "application/json", read("base-envelope.json"));
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        String id = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        var html = hub().get("/fhir/r5/MedicationRequest/" + id, "text/html");
        assertThat(html.headers().firstValue("Content-Type").orElse("")).doesNotContain("html");
        assertThat(html.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("index.md"))) {
            if (!line.startsWith("| ") || line.startsWith("| path ")) {
                continue;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|");
            cases.add(new Case(
                    cells[0].strip(),
                    cells[1].strip(),
                    cells[2].strip(),
                    Integer.parseInt(cells[3].strip()),
                    cells[4].strip()));
        }
        return cases;
    }

    private byte[] body(String path) throws IOException {
        if (path.startsWith("gen:")) {
            return HostileBodies.generated(path.substring(4), CORPUS).getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = Files.readAllBytes(CORPUS.resolve(path));
        // ISO-8859-1 maps bytes one to one: invalid UTF-8 in a case stays exactly as written.
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        return text.replace(
                        "http://canary.invalid",
                        "http://127.0.0.1:" + canary.getAddress().getPort())
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private List<String> phiInLogs() {
        List<String> found = new ArrayList<>();
        for (ILoggingEvent event : logs.list) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            if (PHI.stream().anyMatch(text::contains)) {
                found.add(event.getLoggerName() + ": " + abbreviated(text));
            }
        }
        return found;
    }

    private boolean isOutcome(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        try {
            var parser = type.contains("xml") ? Fixtures.FHIR.newXmlParser() : Fixtures.FHIR.newJsonParser();
            return parser.parseResource(OperationOutcome.class, response.body()).hasIssue();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private int prescriptions() {
        return jdbc.queryForObject("SELECT count(*) FROM prescription", Integer.class);
    }

    private String raw(String request) {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closedEarly) {
                // The server may answer and close before the whole request is written.
            }
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String name) {
        try {
            return Files.readString(CORPUS.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviated(String s) {
        return s == null || s.length() < 600 ? String.valueOf(s) : s.substring(0, 600) + "...";
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
