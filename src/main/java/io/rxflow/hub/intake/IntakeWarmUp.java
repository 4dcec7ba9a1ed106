package io.rxflow.hub.intake;

import io.rxflow.hub.support.SamplePrescriptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the sample prescriptions shipped in the jar ({@link SamplePrescriptions}) through the preview
 * route, {@code rx-script-preview}, before the hub reports itself ready: parse, validate, map, marshal
 * with schema validation, and every other one converted to SCRIPT 2017071. Nothing is stored. A fresh
 * JVM otherwise pays the one-time start of all of these (class loading, parsers, schemas, the
 * stylesheet) on its first real prescriptions while traffic queues behind them: at 60/s the first
 * 20 s were answered in 2-3 s (docs/benchmarks.md, "Ninth look"). A sample not answered 200 (an
 * operator's routes without the preview, say) is named in a warning; the start goes on.
 */
public final class IntakeWarmUp {
    private static final Logger log = LoggerFactory.getLogger(IntakeWarmUp.class);
    private static final String PREVIEW = "direct:rx-script-preview";

    /** What a warm-up did: previews sent, those not answered 200 (by sample name), and its time. */
    public record Result(int sent, List<String> refused, long millis) {}

    private final CamelContext camel;
    private final int rounds;
    private final String endpoint;

    public IntakeWarmUp(CamelContext camel, int rounds) {
        this(camel, rounds, PREVIEW);
    }

    /** Through another endpoint that answers as the preview does (a test's). */
    public IntakeWarmUp(CamelContext camel, int rounds, String endpoint) {
        this.camel = camel;
        this.rounds = rounds;
        this.endpoint = endpoint;
    }

    public Result run() {
        long start = System.nanoTime();
        List<String> names = SamplePrescriptions.names();
        List<byte[]> envelopes = names.stream().map(SamplePrescriptions::read).toList();
        List<String> refused = new ArrayList<>();
        int sent = 0;
        try (ProducerTemplate producer = camel.createProducerTemplate()) {
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get(i);
                    byte[] envelope = envelopes.get(i);
                    boolean to2017071 = sent % 2 == 1;
                    Exchange answer = producer.send(endpoint, e -> {
                        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                        if (to2017071) {
                            e.getMessage().setHeader("version", "2017071");
                        }
                        e.getMessage().setBody(envelope);
                    });
                    sent++;
                    Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
                    if (answer.getException() != null || status == null || status != 200) {
                        refused.add(name + " (" + (status != null ? status : answer.getException()) + ")");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var result = new Result(sent, List.copyOf(refused), (System.nanoTime() - start) / 1_000_000);
        if (refused.isEmpty()) {
            log.info("Warm-up: {} previews of the sample prescriptions in {} ms", sent, result.millis());
        } else {
            // The samples are synthetic: their names are safe to log.
            log.warn(
                    "Warm-up: {} previews of the sample prescriptions in {} ms, {} not answered 200: {}",
                    sent,
                    result.millis(),
                    refused.size(),
                    refused);
        }
        return result;
    }
}
