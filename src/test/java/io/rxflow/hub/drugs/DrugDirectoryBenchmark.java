package io.rxflow.hub.drugs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Load time and retained heap of the drug reference files at directory size, on files generated in
 * the published formats: an FDA product.txt of 130,000 products (windows-1252, every column) and an
 * RxNorm Prescribable Content pair (RXNCONSO.RRF, RXNSAT.RRF). Run as a plain main (docs/benchmarks.md).
 */
public final class DrugDirectoryBenchmark {
    private static final String[] SCHEDULES = {"", "", "", "", "", "", "", "", "", "CII", "CIII", "CIV", "CV"};
    private static volatile Object sink;

    private DrugDirectoryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int products = args.length > 0 ? Integer.parseInt(args[0]) : 130_000;
        Path dir = Files.createTempDirectory("rxflow-drugs-bench");
        Path productTxt = dir.resolve("product.txt");
        writeFdaProducts(productTxt, products);
        writeRxNorm(dir, products / 4);
        System.out.printf(
                Locale.ROOT,
                "JVM %s, %d cores, max heap %d MB%n",
                System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(
                Locale.ROOT,
                "product.txt %d products, %.1f MB; RXNCONSO %.1f MB, RXNSAT %.1f MB%n",
                products,
                Files.size(productTxt) / 1e6,
                Files.size(dir.resolve("RXNCONSO.RRF")) / 1e6,
                Files.size(dir.resolve("RXNSAT.RRF")) / 1e6);
        measure("FDA product.txt", () -> {
            try (InputStream in = Files.newInputStream(productTxt)) {
                return FdaProductDirectory.load(in, "product.txt");
            }
        });
        measure("RxNorm RRF", () -> RxNormProducts.load(dir));
        lookups(productTxt);
        try (var files = Files.list(dir)) {
            files.forEach(p -> p.toFile().delete());
        }
        Files.delete(dir);
    }

    interface Load {
        Object run() throws IOException;
    }

    /** First (cold) load, then the median of five; retained heap after a full GC. */
    private static void measure(String name, Load load) throws IOException {
        long[] ms = new long[6];
        for (int i = 0; i < ms.length; i++) {
            sink = null;
            long before = usedAfterGc();
            long allocatedBefore = allocated();
            long t0 = System.nanoTime();
            Object loaded = load.run();
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
            long allocatedMb = (allocated() - allocatedBefore) >> 20;
            sink = loaded;
            long retained = usedAfterGc() - before;
            if (i == 0 || i == ms.length - 1) {
                System.out.printf(
                        Locale.ROOT,
                        "%-16s load %s %5d ms, retained heap %6.1f MB, allocated %5d MB%n",
                        name,
                        i == 0 ? "first " : "last  ",
                        ms[i],
                        retained / 1e6,
                        allocatedMb);
            }
        }
        long[] warm = java.util.Arrays.copyOfRange(ms, 1, ms.length);
        java.util.Arrays.sort(warm);
        System.out.printf(Locale.ROOT, "%-16s load median of 5 warm %5d ms%n", name, warm[2]);
    }

    private static void lookups(Path productTxt) throws IOException {
        FdaProductDirectory fda;
        try (InputStream in = Files.newInputStream(productTxt)) {
            fda = FdaProductDirectory.load(in, "product.txt");
        }
        var random = new Random(7);
        int n = 1_000_000;
        int hits = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String ndc =
                    String.format(Locale.ROOT, "%05d%04d%02d", 10000 + random.nextInt(60000), random.nextInt(10000), 1);
            hits += fda.find(ndc).isPresent() ? 1 : 0;
        }
        System.out.printf(
                Locale.ROOT,
                "FDA lookup %.2f us/op (%d hits of %d, NDC formatting included)%n",
                (System.nanoTime() - t0) / 1e3 / n,
                hits,
                n);
    }

    private static long allocated() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    /** product.txt with FDA's 20 columns, realistic widths, hyphenated 4-4, 5-3 and 5-4 product NDCs. */
    static void writeFdaProducts(Path file, int products) throws IOException {
        var random = new Random(42);
        try (BufferedWriter w = Files.newBufferedWriter(file, FdaProductDirectory.FDA_CHARSET)) {
            w.write("PRODUCTID\tPRODUCTNDC\tPRODUCTTYPENAME\tPROPRIETARYNAME\tPROPRIETARYNAMESUFFIX\tNONPROPRIETARYNAME"
                    + "\tDOSAGEFORMNAME\tROUTENAME\tSTARTMARKETINGDATE\tENDMARKETINGDATE\tMARKETINGCATEGORYNAME"
                    + "\tAPPLICATIONNUMBER\tLABELERNAME\tSUBSTANCENAME\tACTIVE_NUMERATOR_STRENGTH\tACTIVE_INGRED_UNIT"
                    + "\tPHARM_CLASSES\tDEASCHEDULE\tNDC_EXCLUDE_FLAG\tLISTING_RECORD_CERTIFIED_THROUGH\r\n");
            for (int i = 0; i < products; i++) {
                int labeler = 10000 + random.nextInt(60000);
                String ndc =
                        switch (i % 3) {
                            case 0 -> String.format(Locale.ROOT, "%04d-%04d", labeler % 10000, random.nextInt(10000));
                            case 1 -> String.format(Locale.ROOT, "%05d-%03d", labeler, random.nextInt(1000));
                            default -> String.format(Locale.ROOT, "%05d-%04d", labeler, random.nextInt(10000));
                        };
                String name = "Product " + Integer.toString(i, 36).toUpperCase(Locale.ROOT);
                w.write(ndc + "_" + Long.toHexString(random.nextLong()) + "\t" + ndc + "\tHUMAN PRESCRIPTION DRUG\t"
                        + name
                        + "\t\t" + name.toLowerCase(Locale.ROOT)
                        + " hydrochloride\tTABLET, FILM COATED\tORAL\t20190312\t\tANDA"
                        + "\tANDA0" + (10000 + random.nextInt(90000)) + "\tLaboratorios Síntesis S.A. de C.V.\t"
                        + "ACETAMINOPHEN; SUBSTANCE " + i + "\t325; 5\tmg/1; mg/1"
                        + "\tOpioid Agonist [EPC], Opioid Agonists [MoA]\t"
                        + SCHEDULES[random.nextInt(SCHEDULES.length)]
                        + "\tN\t20261231\r\n");
            }
        }
    }

    /** RXNCONSO (product concepts plus as many other atoms) and RXNSAT (four NDCs a concept, other attributes). */
    static void writeRxNorm(Path dir, int concepts) throws IOException {
        var random = new Random(43);
        try (BufferedWriter c = Files.newBufferedWriter(dir.resolve("RXNCONSO.RRF"));
                BufferedWriter s = Files.newBufferedWriter(dir.resolve("RXNSAT.RRF"))) {
            for (int i = 0; i < concepts; i++) {
                String rxcui = Integer.toString(1_000_000 + i);
                String tty = i % 2 == 0 ? "SCD" : "SBD";
                String name = "substance" + i + " 5 MG / acetaminophen 325 MG Oral Tablet";
                c.write(rxcui + "|ENG||||||" + (8_000_000 + i) + "|" + (8_000_000 + i) + "|" + rxcui + "||RXNORM|" + tty
                        + "|" + rxcui + "|" + name + "||N|4096|\n");
                c.write(rxcui + "|ENG||||||" + (9_000_000 + i) + "|" + (9_000_000 + i) + "|" + rxcui + "||RXNORM|PSN|"
                        + rxcui + "|" + name + "||N|4096|\n");
                for (int k = 0; k < 4; k++) {
                    s.write(rxcui + "|||" + (8_000_000 + i) + "|AUI|" + rxcui + "|AT" + i + k + "||NDC|RXNORM|"
                            + String.format(
                                    Locale.ROOT, "%05d%04d%02d", random.nextInt(100000), random.nextInt(10000), k)
                            + "|N|4096|\n");
                }
                s.write(rxcui + "|||" + (8_000_000 + i) + "|AUI|" + rxcui + "|AT" + i
                        + "9||RXN_HUMAN_DRUG|RXNORM|US|N|4096|\n");
            }
        }
    }
}
