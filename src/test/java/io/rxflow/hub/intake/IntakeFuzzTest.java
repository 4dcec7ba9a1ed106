package io.rxflow.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rxflow.hub.Fixtures;
import io.rxflow.hub.intake.validation.ValidationFailedException;
import io.rxflow.hub.mapping.MappingFixtures;
import io.rxflow.hub.script.ScriptValidationException;
import io.rxflow.hub.script.ScriptXml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Fuzzes the intake parsers (every shape and format, then the validator) and the SCRIPT inbound
 * parser. The property: an input is either read or refused with the hub's own exceptions
 * ({@link InputRejectedException}, {@link ValidationFailedException}, {@link ScriptValidationException}),
 * never anything else, and never takes longer than {@value #MAX_MILLIS_PER_INPUT} ms.
 *
 * <p>In CI: {@link #mutatedInputsKeepTheProperty()} mutates the hostile corpus and the valid fixtures
 * for {@code fuzz.seconds} (default 20) with a fixed seed ({@code fuzz.seed}), and the Jazzer targets
 * replay their seeds. Longer: {@code mvn test -Dtest=IntakeFuzzTest#mutatedInputsKeepTheProperty
 * -Dfuzz.seconds=600 -Dfuzz.seed=$RANDOM}, or coverage-guided with Jazzer:
 * {@code JAZZER_FUZZ=1 mvn test -Dtest='IntakeFuzzTest#envelope'} (one target per run, 60 s; findings land in
 * {@code src/test/resources/io/rxflow/hub/intake/IntakeFuzzTestInputs/<target>/}, to be replayed in CI
 * once fixed). Jazzer starts from an empty corpus; copy the hostile corpus into
 * {@code .cifuzz-corpus/io.rxflow.hub.intake.IntakeFuzzTest/<target>/} first to start from real documents.
 */
class IntakeFuzzTest {
    static final long MAX_MILLIS_PER_INPUT = 5_000;
    private static final IntakeParser PARSER =
            new IntakeParser(Envelopes.FHIR, new com.fasterxml.jackson.databind.ObjectMapper());
    private static final ScriptXml SCRIPT = new ScriptXml(MappingFixtures.SCHEMAS);
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-input");
        t.setDaemon(true);
        return t;
    });

    private static final Map<String, Consumer<byte[]>> TARGETS = Map.of(
            "envelope", b -> validate(PARSER.fromEnvelope(b, "application/json")),
            "createJson", b -> validate(PARSER.fromContained(b, "application/fhir+json")),
            "createXml", b -> validate(PARSER.fromContained(b, "application/fhir+xml")),
            "transactionJson", b -> validate(PARSER.fromTransaction(b, "application/fhir+json")),
            "transactionXml", b -> validate(PARSER.fromTransaction(b, "application/fhir+xml")),
            "scriptInbound", b -> SCRIPT.unmarshal(new String(b, StandardCharsets.UTF_8)));

    // Set after the first warm-up; never in a static initializer (the runner thread would wait on class init).
    private static volatile boolean warm;

    private static final String[] TOKENS = {
        "{",
        "}",
        "[",
        "]",
        "\"",
        ":",
        ",",
        "<",
        ">",
        "</",
        "/>",
        "&",
        "&amp;",
        "&#0;",
        "&#x1;",
        "1e999999",
        "-0",
        "1e-999999",
        "\"\\ud800\"",
        "\\u0000",
        "null",
        "true",
        "\"30\"",
        "<!DOCTYPE x [<!ENTITY a \"b\">]>",
        "\"resourceType\":\"Bundle\",",
        "\"contained\":[",
        "\"reference\":\"#\"",
        "\"extension\":[{\"url\":\"x\",",
        "<extension url=\"x\">",
        "</extension>",
        "<div xmlns=\"http://www.w3.org/1999/xhtml\"><script/></div>",
        "\"type\":\"transaction\",",
        "\"fullUrl\":\"urn:uuid:x\",",
        "\u202e",
        "\u0000",
        "\r\n",
        "\"status\":\"x\","
    };

    /**
     * The Jazzer targets run only as coverage-guided fuzzing (JAZZER_FUZZ=1): in the full build their
     * replay mode failed to attach Jazzer's agent under Surefire (ClassNotFoundException JazzerInternal,
     * a missing surefire booter jar). Every build fuzzes {@link #everyPath} in a Surefire execution of
     * its own (pom.xml, {@code coverage-guided-fuzz}); the others are for longer runs of one path.
     */
    private static final String JAZZER_ONLY = "coverage-guided runs only: JAZZER_FUZZ=1";

    @Test
    void mutatedInputsKeepTheProperty() throws Exception {
        long seconds = Long.getLong("fuzz.seconds", 20);
        var random = new Random(Long.getLong("fuzz.seed", 20261204L));
        Map<String, List<byte[]>> seeds = Map.of(
                "envelope",
                seeds("json"),
                "createJson",
                seeds("json"),
                "createXml",
                seeds("xml"),
                "transactionJson",
                seeds("json"),
                "transactionXml",
                seeds("xml"),
                "scriptInbound",
                scriptSeeds());
        List<String> names = new ArrayList<>(TARGETS.keySet());
        names.sort(null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int runs = 0;
        while (System.nanoTime() < deadline) {
            String target = names.get(runs % names.size());
            List<byte[]> pool = seeds.get(target);
            byte[] input = mutate(pool.get(random.nextInt(pool.size())), pool, random);
            check(target, input);
            runs++;
        }
        assertThat(runs).isPositive();
    }

    @FuzzTest(maxDuration = "60s")
    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = "1", disabledReason = JAZZER_ONLY)
    void envelope(byte[] data) throws Exception {
        check("envelope", data);
    }

    @FuzzTest(maxDuration = "60s")
    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = "1", disabledReason = JAZZER_ONLY)
    void createJson(byte[] data) throws Exception {
        check("createJson", data);
    }

    @FuzzTest(maxDuration = "60s")
    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = "1", disabledReason = JAZZER_ONLY)
    void createXml(byte[] data) throws Exception {
        check("createXml", data);
    }

    @FuzzTest(maxDuration = "60s")
    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = "1", disabledReason = JAZZER_ONLY)
    void transactionJson(byte[] data) throws Exception {
        check("transactionJson", data);
    }

    @FuzzTest(maxDuration = "60s")
    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = "1", disabledReason = JAZZER_ONLY)
    void transactionXml(byte[] data) throws Exception {
        check("transactionXml", data);
    }

    @FuzzTest(maxDuration = "60s")
    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = "1", disabledReason = JAZZER_ONLY)
    void scriptInbound(byte[] data) throws Exception {
        check("scriptInbound", data);
    }

    /**
     * Every path in one coverage-guided target, for the bounded run in every build (a separate
     * Surefire execution with JAZZER_FUZZ=1, see pom.xml): Jazzer fuzzes one target per JVM, so the
     * first input byte picks the path and the rest is its body.
     */
    @FuzzTest(maxDuration = "60s")
    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = "1", disabledReason = JAZZER_ONLY)
    void everyPath(byte[] data) throws Exception {
        if (data.length == 0) {
            return;
        }
        List<String> names = new ArrayList<>(TARGETS.keySet());
        names.sort(null);
        check(names.get(Byte.toUnsignedInt(data[0]) % names.size()), Arrays.copyOfRange(data, 1, data.length));
    }

    @AfterAll
    static void stopRunner() {
        RUNNER.shutdownNow();
    }

    /**
     * Loads and (under Jazzer) instruments the parsers once before any input is timed: the first parse
     * builds HAPI's model and the drug tables, which on a loaded machine takes longer than an input may.
     */
    private static void warmUp() {
        var f = Fixtures.named("valid", "lisinopril-daily-envelope");
        Map<String, String> valid = Map.of(
                "envelope", f.envelope(),
                "createJson", Fixtures.contained(f, false),
                "createXml", Fixtures.contained(f, true),
                "transactionJson", Fixtures.transaction(f, false),
                "transactionXml", Fixtures.transaction(f, true),
                "scriptInbound", "<Message/>");
        valid.forEach((target, body) -> {
            try {
                RUNNER.submit(() -> TARGETS.get(target).accept(body.getBytes(StandardCharsets.UTF_8)))
                        .get();
            } catch (ExecutionException refusedOrRead) {
                // Either way the code is loaded, which is all a warm-up is for; the property is checked later.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Runs one input with a time bound; anything but the hub's own refusals fails, saving the input. */
    static void check(String target, byte[] input) throws Exception {
        if (!warm) {
            warmUp();
            warm = true;
        }
        Future<?> run = RUNNER.submit(() -> TARGETS.get(target).accept(input));
        try {
            run.get(MAX_MILLIS_PER_INPUT, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            throw new AssertionError(
                    target + " took over " + MAX_MILLIS_PER_INPUT + " ms; input saved as " + save(target, input));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (!(cause instanceof InputRejectedException
                    || cause instanceof ValidationFailedException
                    || cause instanceof ScriptValidationException)) {
                throw new AssertionError(target + " threw " + cause + "; input saved as " + save(target, input), cause);
            }
        }
    }

    private static void validate(IntakeRequest request) {
        var violations = Envelopes.validator().validate(request.resources());
        if (!violations.isEmpty()) {
            throw new ValidationFailedException(violations);
        }
    }

    private static byte[] mutate(byte[] seed, List<byte[]> pool, Random random) {
        byte[] b = seed;
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds && b.length > 0; i++) {
            int at = random.nextInt(b.length);
            int len = Math.min(b.length - at, 1 + random.nextInt(64));
            b = switch (random.nextInt(7)) {
                case 0 -> {
                    byte[] c = b.clone();
                    c[at] ^= (byte) (1 << random.nextInt(8));
                    yield c;
                }
                case 1 -> concat(slice(b, 0, at), slice(b, at + len, b.length));
                case 2 -> concat(slice(b, 0, at + len), slice(b, at, b.length));
                case 3, 4 -> concat(
                        slice(b, 0, at),
                        TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8),
                        slice(b, at, b.length));
                case 5 -> {
                    byte[] other = pool.get(random.nextInt(pool.size()));
                    int from = random.nextInt(other.length);
                    yield concat(slice(b, 0, at), slice(other, from, other.length));
                }
                default -> slice(b, 0, at);};
        }
        return b;
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, Math.min(from, b.length), Math.min(Math.max(from, to), b.length));
    }

    private static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static List<byte[]> seeds(String extension) {
        List<byte[]> seeds = new ArrayList<>();
        var f = Fixtures.named("valid", "lisinopril-daily-envelope");
        if (extension.equals("json")) {
            seeds.add(Fixtures.contained(f, false).getBytes(StandardCharsets.UTF_8));
            seeds.add(Fixtures.transaction(f, false).getBytes(StandardCharsets.UTF_8));
            seeds.add(f.envelope().getBytes(StandardCharsets.UTF_8));
        } else {
            seeds.add(Fixtures.contained(f, true).getBytes(StandardCharsets.UTF_8));
            seeds.add(Fixtures.transaction(f, true).getBytes(StandardCharsets.UTF_8));
        }
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/fixtures/hostile"))) {
            files.filter(p -> p.toString().endsWith("." + extension)).sorted().forEach(p -> seeds.add(read(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seeds.stream().filter(s -> s.length > 0).toList();
    }

    private static List<byte[]> scriptSeeds() {
        List<byte[]> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/fixtures/mapping"))) {
            files.filter(p -> p.toString().endsWith("-2023011.xml"))
                    .sorted()
                    .limit(20)
                    .forEach(p -> seeds.add(read(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seeds;
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path save(String target, byte[] input) {
        try {
            Path dir = Files.createDirectories(Path.of("target/fuzz-failures"));
            Path file = dir.resolve(target + "-" + Integer.toHexString(java.util.Arrays.hashCode(input)) + ".bin");
            Files.write(file, input);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
