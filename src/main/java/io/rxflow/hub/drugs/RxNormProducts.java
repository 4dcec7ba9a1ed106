package io.rxflow.hub.drugs;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * RxNorm products from the Current Prescribable Content RRF files: RXNCONSO.RRF (the RXNORM-sourced
 * SCD, SBD, GPCK and BPCK names) and RXNSAT.RRF (their NDCs, ATN = NDC with SAB = RXNORM, and a DEA
 * schedule where an SPL attribute DCSA gives one). Lets an RxNorm-only order find an NDC and its term type.
 */
final class RxNormProducts {
    private static final Set<String> PRODUCT_TTYS = Set.of("SCD", "SBD", "GPCK", "BPCK");

    private final Map<String, Concept> concepts = new HashMap<>();
    private final Map<String, List<String>> ndcsByRxcui = new HashMap<>();
    private final Map<String, String> rxcuiByNdc = new HashMap<>();
    private final Map<String, DeaSchedule> dcsa = new HashMap<>();

    /** One RxNorm product concept: its term type and normalised name. */
    record Concept(String rxcui, String termType, String name) {}

    static RxNormProducts empty() {
        return new RxNormProducts();
    }

    /** Reads RXNCONSO.RRF and RXNSAT.RRF from {@code dir} or its {@code rrf} subfolder (as NLM's zip unpacks). */
    static RxNormProducts load(Path dir) throws IOException {
        Path rrf = Files.isRegularFile(dir.resolve("RXNCONSO.RRF")) ? dir : dir.resolve("rrf");
        var products = new RxNormProducts();
        products.readConcepts(rrf.resolve("RXNCONSO.RRF"));
        products.readAttributes(rrf.resolve("RXNSAT.RRF"));
        return products;
    }

    // RXCUI|LAT|TS|LUI|STT|SUI|ISPREF|RXAUI|SAUI|SCUI|SDUI|SAB|TTY|CODE|STR|SRL|SUPPRESS|CVF|
    private void readConcepts(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split("\\|", -1);
                if (f.length < 17) {
                    throw new IllegalArgumentException(file + ": not an RXNCONSO.RRF row (18 |-separated fields)");
                }
                if ("RXNORM".equals(f[11]) && "ENG".equals(f[1]) && PRODUCT_TTYS.contains(f[12]) && current(f[16])) {
                    concepts.putIfAbsent(f[0], new Concept(f[0], f[12], f[14]));
                }
            }
        }
    }

    // RXCUI|LUI|SUI|RXAUI|STYPE|CODE|ATUI|SATUI|ATN|SAB|ATV|SUPPRESS|CVF|
    private void readAttributes(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split("\\|", -1);
                if (f.length < 12) {
                    throw new IllegalArgumentException(file + ": not an RXNSAT.RRF row (13 |-separated fields)");
                }
                if ("NDC".equals(f[8]) && "RXNORM".equals(f[9]) && current(f[11]) && f[10].matches("[0-9]{11}")) {
                    ndcsByRxcui.computeIfAbsent(f[0], k -> new ArrayList<>(2)).add(f[10]);
                    rxcuiByNdc.putIfAbsent(f[10], f[0]);
                } else if ("DCSA".equals(f[8])) {
                    DeaSchedule.fromTableValue(f[10])
                            .ifPresent(s -> dcsa.merge(f[0], s, (a, b) -> a.stricterThan(b) ? a : b));
                }
            }
        }
    }

    private static boolean current(String suppress) {
        return suppress.isEmpty() || "N".equals(suppress);
    }

    Optional<Concept> concept(String rxcui) {
        return Optional.ofNullable(concepts.get(rxcui));
    }

    List<String> ndcs(String rxcui) {
        return ndcsByRxcui.getOrDefault(rxcui, List.of());
    }

    Optional<String> rxcuiOfNdc(String ndc11) {
        return Optional.ofNullable(rxcuiByNdc.get(ndc11));
    }

    /** The schedule an SPL attribute (DCSA) gives the concept, when the files carry one. */
    Optional<DeaSchedule> dcsa(String rxcui) {
        return Optional.ofNullable(dcsa.get(rxcui));
    }

    int concepts() {
        return concepts.size();
    }

    int ndcs() {
        return rxcuiByNdc.size();
    }
}
