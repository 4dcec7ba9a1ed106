package io.rxflow.hub.mapping;

import io.rxflow.hub.script.ScriptVersionConverter;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.support.PrescriptionResources;
import java.util.List;
import java.util.function.Supplier;

/**
 * Cost of mapping and marshalling one prescription, and of the 2017071 conversion, in microseconds.
 * A plain main (not a unit test, never timed in the build); see docs/benchmarks.md for how to run it.
 * Each case is warmed up, then timed over several rounds; the median round is reported.
 */
public final class MappingBenchmark {
    private static final int WARMUP = 20_000;
    private static final int ROUNDS = 5;
    private static final int PER_ROUND = 5_000;
    static volatile Object sink;

    private MappingBenchmark() {}

    public static void main(String[] args) {
        NewRxMapper mapper = MappingFixtures.mapper();
        ScriptXml xml = new ScriptXml(MappingFixtures.SCHEMAS);
        ScriptVersionConverter converter =
                new ScriptVersionConverter(MappingFixtures.SETTINGS, MappingFixtures.SCHEMAS);
        List<PrescriptionResources> inputs = List.of(
                MappingFixtures.load("text-only-sig"),
                MappingFixtures.load("schedule-ii"),
                MappingFixtures.load("full-contact-details"),
                MappingFixtures.load("diagnosis-icd10-and-snomed"));
        String newRx = xml.marshal(map(mapper, inputs.get(1)));
        int[] i = {0};
        Supplier<PrescriptionResources> next = () -> inputs.get(i[0]++ & 3);

        System.out.printf(
                "JVM %s, %d cores%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
        report("map (FHIR resources -> JAXB NewRx)", () -> map(mapper, next.get()));
        report("map + marshal + validate (hub 2023011 XSD)", () -> xml.marshal(map(mapper, next.get())));
        report("XSLT 2023011 -> 2017071 + validate (hub 2017071 XSD)", () -> converter.toScript2017071(newRx));
    }

    private static Message map(NewRxMapper mapper, PrescriptionResources r) {
        return mapper.map(r, MappingFixtures.MESSAGE_ID, MappingFixtures.SENT).message();
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
}
