package io.rxflow.hub;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny OTLP/HTTP trace receiver for tests: accepts {@code POST /v1/traces} (protobuf
 * ExportTraceServiceRequest) and keeps each span's trace id, span id, parent id and name, read straight
 * off the protobuf wire format (resource_spans 1 → scope_spans 2 → spans 2: trace_id 1, span_id 2,
 * parent_span_id 4, name 5).
 */
public final class OtlpReceiver implements AutoCloseable {
    /** One received span. */
    public record Span(String traceId, String spanId, String parentId, String name) {}

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    public OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            for (ByteBuffer resourceSpans : fields(ByteBuffer.wrap(body), 1)) {
                for (ByteBuffer scopeSpans : fields(resourceSpans, 2)) {
                    for (ByteBuffer span : fields(scopeSpans, 2)) {
                        spans.add(span(span));
                    }
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Span> spans() {
        return List.copyOf(spans);
    }

    private static Span span(ByteBuffer span) {
        String[] values = new String[6];
        ByteBuffer b = span.duplicate();
        while (b.hasRemaining()) {
            long key = varint(b);
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (wire == 2) {
                byte[] bytes = new byte[(int) varint(b)];
                b.get(bytes);
                if (field == 1 || field == 2 || field == 4) {
                    values[field] = HexFormat.of().formatHex(bytes);
                } else if (field == 5) {
                    values[field] = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                }
            } else {
                skip(b, wire);
            }
        }
        return new Span(values[1], values[2], values[4], values[5]);
    }

    /** The length-delimited sub-messages of {@code field} in a message. */
    private static List<ByteBuffer> fields(ByteBuffer message, int field) {
        List<ByteBuffer> found = new java.util.ArrayList<>();
        ByteBuffer b = message.duplicate();
        while (b.hasRemaining()) {
            long key = varint(b);
            int wire = (int) (key & 7);
            if (wire == 2) {
                int length = (int) varint(b);
                ByteBuffer value = b.slice(b.position(), length);
                b.position(b.position() + length);
                if ((key >>> 3) == field) {
                    found.add(value);
                }
            } else {
                skip(b, wire);
            }
        }
        return found;
    }

    private static void skip(ByteBuffer b, int wire) {
        switch (wire) {
            case 0 -> varint(b);
            case 1 -> b.position(b.position() + 8);
            case 5 -> b.position(b.position() + 4);
            default -> throw new IllegalStateException("Unexpected protobuf wire type " + wire);
        }
    }

    private static long varint(ByteBuffer b) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte next = b.get();
            value |= (long) (next & 0x7f) << shift;
            if ((next & 0x80) == 0) {
                return value;
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
