package io.rxflow.hub.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.support.NcpdpId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pharmacy simulator in a process of its own, with the same HTTP paths as the hub's built-in one
 * ({@code /simulator/pharmacies/{ncpdpId}/script|mode|received}). The benchmark runs it apart so that
 * the fake pharmacy's CPU is not counted as the hub's. Started from the hub's jar:
 *
 * <pre>java -Dloader.main=io.rxflow.hub.simulator.StandaloneSimulator -cp target/rxflow-hub.jar \
 *     org.springframework.boot.loader.launch.PropertiesLauncher [port]</pre>
 */
public final class StandaloneSimulator implements AutoCloseable {
    private static final Pattern PATH = Pattern.compile("^/simulator/pharmacies/([^/]+)/(script|mode|received)$");

    private final PharmacySimulator simulator;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ObjectMapper json = new ObjectMapper();

    public StandaloneSimulator(PharmacySimulator simulator, String host, int port, int threads) throws IOException {
        this.simulator = simulator;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 256);
        this.workers = Executors.newFixedThreadPool(threads);
        server.setExecutor(workers);
        server.createContext("/simulator/pharmacies/", this::handle);
        server.start();
    }

    /** The port it listens on (useful when started on port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18081;
        ScriptSchemas schemas = ScriptSchemas.load(null);
        var simulator = new PharmacySimulator(
                new ScriptXml(schemas), schemas, ScriptSettings.defaults("RXFLOWHUB"), SimulatorProperties.plain());
        var standalone = new StandaloneSimulator(simulator, "127.0.0.1", port, 8);
        Runtime.getRuntime().addShutdownHook(new Thread(standalone::close));
        System.out.println("Pharmacy simulator listening on http://127.0.0.1:" + standalone.port() + "/simulator");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
            if (!m.matches() || !NcpdpId.isValid(m.group(1))) {
                reply(exchange, 404, null, null);
                return;
            }
            String ncpdpId = m.group(1);
            String method = exchange.getRequestMethod();
            switch (m.group(2) + " " + method) {
                case "script POST" -> script(exchange, ncpdpId);
                case "mode PUT" -> mode(exchange, ncpdpId);
                case "received GET" -> received(exchange, ncpdpId);
                case "received DELETE" -> {
                    simulator.pharmacy(ncpdpId).reset();
                    reply(exchange, 204, null, null);
                }
                default -> reply(exchange, 405, null, null);
            }
        }
    }

    private void script(HttpExchange exchange, String ncpdpId) throws IOException {
        Answer answer = simulator.receive(ncpdpId, body(exchange));
        reply(exchange, answer.httpStatus(), "application/xml", answer.xml());
    }

    private void mode(HttpExchange exchange, String ncpdpId) throws IOException {
        try {
            simulator.pharmacy(ncpdpId).mode(PharmacyMode.parse(body(exchange)));
            reply(exchange, 204, null, null);
        } catch (IllegalArgumentException e) {
            reply(exchange, 400, "text/plain", e.getMessage());
        }
    }

    private void received(HttpExchange exchange, String ncpdpId) throws IOException {
        Object body = simulator.pharmacy(ncpdpId).received().asJson();
        reply(exchange, 200, "application/json", json.writeValueAsString(body));
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdown();
    }
}
