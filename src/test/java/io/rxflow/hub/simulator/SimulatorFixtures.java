package io.rxflow.hub.simulator;

import io.rxflow.hub.responses.PharmacyReplies;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.ScriptXml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/** A simulator with a fixed clock and predictable MessageIDs, and NewRx from the mapping golden files. */
final class SimulatorFixtures {
    static final ScriptSchemas SCHEMAS = ScriptSchemas.load(null);
    static final ScriptXml XML = new ScriptXml(SCHEMAS);
    static final PharmacyReplies REPLIES = new PharmacyReplies(XML);
    static final ScriptSettings HUB = ScriptSettings.defaults("HUBPRESCRIBER01");
    /** The pharmacy the golden NewRx are addressed to. */
    static final String PHARMACY = "1234567";

    static final String NEWRX_ID = "6f1c2d3e4a5b4c6d8e9f00112233aabc";

    private SimulatorFixtures() {}

    static PharmacySimulator simulator(SimulatorProperties props, DoubleSupplier random) {
        var counter = new AtomicInteger();
        return new PharmacySimulator(
                XML,
                SCHEMAS,
                HUB,
                props,
                Clock.fixed(Instant.parse("2026-01-15T14:30:07Z"), ZoneOffset.UTC),
                random,
                () -> String.format("reply%027d", counter.incrementAndGet()));
    }

    static PharmacySimulator simulator() {
        return simulator(SimulatorProperties.plain(), () -> 0.5);
    }

    /** The golden NewRx of a mapping scenario in {@code version}, with MessageID {@code messageId}. */
    static String newRx(String version, String messageId) {
        Path file = Path.of("src/test/resources/fixtures/mapping/rxnorm-only/expected-" + version + ".xml");
        try {
            return Files.readString(file).replace(NEWRX_ID, messageId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String newRx(String messageId) {
        return newRx("2023011", messageId);
    }
}
