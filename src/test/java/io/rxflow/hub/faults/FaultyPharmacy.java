package io.rxflow.hub.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.simulator.Answer;
import io.rxflow.hub.simulator.PharmacyMode;
import io.rxflow.hub.simulator.PharmacySimulator;
import io.rxflow.hub.simulator.SimulatorProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pharmacy that speaks SCRIPT over HTTP (the hub's simulator does the SCRIPT part) and misbehaves
 * on purpose, per NCPDP ID, on the simulator's paths so that the demo directory entries reach it
 * through {@code RXFLOW_SIMULATOR_URL}. It counts every arrival of every NewRx MessageID.
 */
public final class FaultyPharmacy implements AutoCloseable {
    private static final Pattern PATH = Pattern.compile("^/simulator/pharmacies/(\\d{7})/script$");
    private static final Pattern MESSAGE_ID = Pattern.compile("<(?:\\w+:)?MessageID>([^<]+)<");

    /** What the pharmacy does with a NewRx. */
    public enum Fault {
        /** Answers Status 000. */
        NONE,
        /** The first arrival of each MessageID answers only after {@link #SLOW}, beyond the hub's read timeout. */
        SLOW_FIRST,
        /** Every other request answers 503. */
        FLAPPING,
        /** 200 with a body that is not SCRIPT. */
        GARBAGE,
        /** 200 with the Status answer twice in one body. */
        TWICE,
        /** 200 with a SCRIPT Error 900 inside (a permanent refusal). */
        ERROR_INSIDE,
        /** The first arrival of each MessageID: headers and half the answer, then the connection closes. */
        CUT_FIRST,
        /** Always 503. */
        DOWN
    }

    /** Longer than the demo directory's 10 s read timeout. */
    public static final Duration SLOW = Duration.ofSeconds(12);

    private final PharmacySimulator simulator;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(16);
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    public FaultyPharmacy() {
        ScriptSchemas schemas = ScriptSchemas.load(null);
        simulator = new PharmacySimulator(
                new ScriptXml(schemas), schemas, ScriptSettings.defaults("RXFLOWHUB"), SimulatorProperties.plain());
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(workers);
        server.createContext("/simulator/pharmacies/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void fault(String ncpdpId, Fault fault) {
        faults.put(ncpdpId, fault);
        simulator.pharmacy(ncpdpId).mode(fault == Fault.ERROR_INSIDE ? PharmacyMode.ERROR : PharmacyMode.UP);
    }

    /** How many times this MessageID arrived (any answer). */
    public int arrivals(String messageId) {
        AtomicInteger n = arrivals.get(messageId);
        return n == null ? 0 : n.get();
    }

    /** Every MessageID that arrived, with its count. */
    public Map<String, Integer> arrivals() {
        Map<String, Integer> copy = new java.util.HashMap<>();
        arrivals.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
            if (!m.matches() || !"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String ncpdpId = m.group(1);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher id = MESSAGE_ID.matcher(body);
            String messageId = id.find() ? id.group(1) : "?";
            int arrival = arrivals.computeIfAbsent(messageId, k -> new AtomicInteger())
                    .incrementAndGet();
            long n = requests.incrementAndGet();
            Fault fault = faults.getOrDefault(ncpdpId, Fault.NONE);
            switch (fault) {
                case SLOW_FIRST -> {
                    if (arrival == 1) {
                        FaultSupport.pause(SLOW);
                    }
                    reply(exchange, simulator.answer(ncpdpId, body));
                }
                case FLAPPING -> {
                    if (n % 2 == 0) {
                        exchange.sendResponseHeaders(503, -1);
                    } else {
                        reply(exchange, simulator.answer(ncpdpId, body));
                    }
                }
                case GARBAGE -> write(exchange, 200, "<html><body>Gateway says hello</body></html>");
                case TWICE -> {
                    String xml = simulator.answer(ncpdpId, body).xml();
                    write(exchange, 200, xml + "\n" + xml);
                }
                case CUT_FIRST -> {
                    String xml = simulator.answer(ncpdpId, body).xml();
                    if (arrival == 1) {
                        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "application/xml");
                        exchange.sendResponseHeaders(200, bytes.length);
                        OutputStream out = exchange.getResponseBody();
                        out.write(bytes, 0, bytes.length / 2);
                        out.flush();
                        // Closing short of Content-Length makes the server drop the connection.
                        throw new IOException("cut mid-answer on purpose");
                    }
                    write(exchange, 200, xml);
                }
                case DOWN -> exchange.sendResponseHeaders(503, -1);
                default -> reply(exchange, simulator.answer(ncpdpId, body));
            }
        }
    }

    private static void reply(HttpExchange exchange, Answer answer) throws IOException {
        if (answer.xml() == null) {
            exchange.sendResponseHeaders(answer.httpStatus(), -1);
        } else {
            write(exchange, answer.httpStatus(), answer.xml());
        }
    }

    private static void write(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
