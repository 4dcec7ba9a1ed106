package io.rxflow.hub.drugs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's drug table: what FHIR cannot say about a product (its DEA schedule, a representative
 * NDC for an RxNorm-only order, the RxNorm term type). Loaded once from CSV with the header
 * {@code rxcui,rxnorm_tty,ndc11,description,strength_value,strength_unit,strength_form,dea_schedule}.
 */
public final class DrugTable implements ProductTable {
    private final Map<String, Drug> byNdc = new HashMap<>();
    private final Map<String, Drug> byRxcui = new HashMap<>();

    /** One row of the table; {@code deaSchedule} is empty for non-controlled drugs, else CI to CV. */
    public record Drug(
            String rxcui,
            String rxnormTty,
            String ndc11,
            String description,
            String strengthValue,
            String strengthUnit,
            String strengthForm,
            String deaSchedule) {
        /** True when the drug is a DEA controlled substance. */
        public boolean controlled() {
            return deaSchedule != null && !deaSchedule.isBlank();
        }
    }

    private DrugTable(List<Drug> drugs) {
        for (Drug d : drugs) {
            if (!d.ndc11().isEmpty()) {
                byNdc.putIfAbsent(d.ndc11(), d);
            }
            if (!d.rxcui().isEmpty()) {
                byRxcui.putIfAbsent(d.rxcui(), d);
            }
        }
    }

    /** Reads a table; a malformed row fails with its line number so the operator can fix the file. */
    public static DrugTable load(InputStream csv, String sourceName) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
        var drugs = new java.util.ArrayList<Drug>();
        String line = reader.readLine();
        int lineNo = 1;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 8) {
                throw new IllegalArgumentException(
                        sourceName + ":" + lineNo + ": expected 8 comma-separated columns, found " + f.length);
            }
            checkRow(f, sourceName, lineNo);
            drugs.add(new Drug(
                    f[0].strip(),
                    f[1].strip(),
                    f[2].strip(),
                    f[3].strip(),
                    f[4].strip(),
                    f[5].strip(),
                    f[6].strip(),
                    f[7].strip()));
        }
        return new DrugTable(drugs);
    }

    // A wrong schedule or NDC would silently mislabel a controlled substance: reject the file at start-up.
    private static void checkRow(String[] f, String sourceName, int lineNo) {
        String ndc = f[2].strip();
        String schedule = f[7].strip();
        if (!ndc.isEmpty() && !ndc.matches("[0-9]{11}")) {
            throw new IllegalArgumentException(sourceName + ":" + lineNo + ": ndc11 must be 11 digits without hyphens");
        }
        if (!schedule.isEmpty() && !DeaSchedules.isKnown(schedule)) {
            throw new IllegalArgumentException(
                    sourceName + ":" + lineNo + ": dea_schedule must be blank or CI, CII, CIII, CIV, CV");
        }
    }

    /** Looks the product up by 11-digit NDC first, then by RxNorm CUI; either may be null. */
    public Optional<Drug> find(String ndc11, String rxcui) {
        Drug d = ndc11 == null ? null : byNdc.get(ndc11);
        if (d == null && rxcui != null) {
            d = byRxcui.get(rxcui);
        }
        return Optional.ofNullable(d);
    }

    // ProductTable: the rows as the schedule resolver (io.rxflow.hub.drugs) reads them.
    @Override
    public Optional<Product> byNdc(String ndc11) {
        return find(ndc11, null).filter(d -> d.ndc11().equals(ndc11)).map(DrugTable::product);
    }

    @Override
    public Optional<Product> byRxcui(String rxcui) {
        return find(null, rxcui).map(DrugTable::product);
    }

    private static Product product(Drug d) {
        DeaSchedule schedule =
                d.controlled() ? DeaSchedule.fromTableValue(d.deaSchedule()).orElseThrow() : null;
        return new Product(d.ndc11(), d.rxcui(), d.rxnormTty(), d.description(), schedule);
    }

    /** Number of distinct products known, for the start-up log line. */
    public int size() {
        return Math.max(byNdc.size(), byRxcui.size());
    }
}
