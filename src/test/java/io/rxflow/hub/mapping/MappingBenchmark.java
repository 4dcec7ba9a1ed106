package io.rxflow.hub.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.faults.FaultSupport;
import io.rxflow.hub.intake.IntakeParser;
import io.rxflow.hub.intake.validation.PrescriptionValidator;
import io.rxflow.hub.script.ScriptVersionConverter;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.support.PrescriptionResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Cost of reading, mapping and marshalling one prescription, and of the 2017071 conversion, in
 * microseconds. A plain main (not a unit test, never timed in the build); see docs/benchmarks.md for
 * how to run it. Each case is warmed up, then timed over several rounds; the median round is reported.
 *
 * <p>With {@code --paced MS} it measures instead what the same steps cost when they run the way they
 * run in a hub at tens of prescriptions a second: every MS milliseconds a burst of k prescriptions
 * (k = 1, 4, 16), each step once per prescription of the burst, the steps one after another; the thread's
 * CPU time per prescription and step (docs/benchmarks.md, "Fifteenth look").
 */
public final class MappingBenchmark {
    private static final int WARMUP = 20_000;
    private static final int ROUNDS = 5;
    private static final int PER_ROUND = 5_000;
    private static final Path ENVELOPES = Path.of("src/test/resources/fixtures/intake/valid");
    static volatile Object sink;

    private MappingBenchmark() {}

    public static void main(String[] args) {
        NewRxMapper mapper = MappingFixtures.mapper();
        ScriptXml xml = new ScriptXml(MappingFixtures.SCHEMAS);
        ScriptVersionConverter converter =
                new ScriptVersionConverter(MappingFixtures.SETTINGS, MappingFixtures.SCHEMAS);
        IntakeParser parser = new IntakeParser(MappingFixtures.FHIR, new ObjectMapper());
        PrescriptionValidator validator = new PrescriptionValidator(MappingFixtures.DRUGS, Clock.systemUTC());
        List<PrescriptionResources> inputs = List.of(
                MappingFixtures.load("text-only-sig"),
                MappingFixtures.load("schedule-ii"),
                MappingFixtures.load("full-contact-details"),
                MappingFixtures.load("diagnosis-icd10-and-snomed"));
        List<byte[]> envelopes = List.of(
                envelope("amlodipine-ndc-4-4-2-text-only-sig.json"),
                envelope("atorvastatin-ndc-5-3-2-bedtime.json"),
                envelope("diazepam-civ-ndc-prn-anxiety-two-refills.json"),
                envelope("gabapentin-capsule-ndc-5-4-1-orderable-form-cap.json"));
        String newRx = xml.marshal(map(mapper, inputs.get(1)));
        int[] i = {0};
        Supplier<PrescriptionResources> next = () -> inputs.get(i[0]++ & 3);
        Supplier<byte[]> nextEnvelope = () -> envelopes.get(i[0]++ & 3);

        System.out.printf(
                "JVM %s, %d cores%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
        List<Step> steps = List.of(
                new Step(
                        "envelope read (JSON guards, HAPI parse, references)",
                        () -> parser.fromEnvelope(nextEnvelope.get(), "application/json")),
                new Step("validate (the hub's rules)", () -> validator.validate(next.get())),
                new Step("map (FHIR resources -> JAXB NewRx)", () -> map(mapper, next.get())),
                new Step("map + marshal + validate (hub 2023011 XSD)", () -> xml.marshal(map(mapper, next.get()))),
                new Step(
                        "XSLT 2023011 -> 2017071 + validate (hub 2017071 XSD)",
                        () -> converter.toScript2017071(newRx)));
        if (args.length == 2 && args[0].equals("--paced")) {
            paced(steps, Long.parseLong(args[1]));
            return;
        }
        for (Step step : steps) {
            report(step.name(), step.op());
        }
    }

    private record Step(String name, Supplier<Object> op) {}

    private static Message map(NewRxMapper mapper, PrescriptionResources r) {
        return mapper.map(r, MappingFixtures.MESSAGE_ID, MappingFixtures.SENT).message();
    }

    private static byte[] envelope(String name) {
        try {
            return Files.readAllBytes(ENVELOPES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void report(String name, Supplier<Object> op) {
        for (int w = 0; w < WARMUP; w++) {
            sink = op.get();
        }
        double[] us = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long start = System.nanoTime();
            for (int k = 0; k < PER_ROUND; k++) {
                sink = op.get();
            }
            us[r] = (System.nanoTime() - start) / 1_000.0 / PER_ROUND;
        }
        java.util.Arrays.sort(us);
        System.out.printf(
                "%-55s median %8.1f us/op  (min %.1f, max %.1f over %d x %d)%n",
                name, us[ROUNDS / 2], us[0], us[ROUNDS - 1], ROUNDS, PER_ROUND);
    }

    /**
     * Every {@code paceMillis}, a burst: each step k times in a row, then the next step. Between bursts the
     * thread sleeps, as a hub's request thread does between prescriptions at a low rate, and the other
     * steps (and whatever else the machine runs) take the caches meanwhile. CPU time, not wall time.
     */
    private static void paced(List<Step> steps, long paceMillis) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int w = 0; w < WARMUP; w++) {
            for (Step step : steps) {
                sink = step.op().get();
            }
        }
        System.out.printf("one burst every %d ms; CPU time per prescription (us), median of 5 rounds%n", paceMillis);
        System.out.printf("%-55s %10s %10s %10s%n", "step", "k = 1", "k = 4", "k = 16");
        int[] bursts = {1, 4, 16};
        double[][] cpu = new double[steps.size()][bursts.length];
        for (int b = 0; b < bursts.length; b++) {
            int k = bursts[b];
            double[][] rounds = new double[steps.size()][ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                long[] used = new long[steps.size()];
                int prescriptions = 0;
                // Each round at least 100 bursts and 400 prescriptions.
                int burstCount = Math.max(100, 400 / k);
                for (int n = 0; n < burstCount; n++) {
                    for (int s = 0; s < steps.size(); s++) {
                        long start = threads.getCurrentThreadCpuTime();
                        for (int j = 0; j < k; j++) {
                            sink = steps.get(s).op().get();
                        }
                        used[s] += threads.getCurrentThreadCpuTime() - start;
                    }
                    prescriptions += k;
                    // The pace itself, not a wait for a condition: the thread idles as a request thread does.
                    FaultSupport.pause(Duration.ofMillis(paceMillis));
                }
                for (int s = 0; s < steps.size(); s++) {
                    rounds[s][r] = used[s] / 1_000.0 / prescriptions;
                }
            }
            for (int s = 0; s < steps.size(); s++) {
                java.util.Arrays.sort(rounds[s]);
                cpu[s][b] = rounds[s][ROUNDS / 2];
            }
        }
        for (int s = 0; s < steps.size(); s++) {
            System.out.printf("%-55s %10.1f %10.1f %10.1f%n", steps.get(s).name(), cpu[s][0], cpu[s][1], cpu[s][2]);
        }
    }
}
