package io.rxflow.hub.drugs;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The FDA NDC Directory's {@code product.txt} as FDA publishes it (tab-separated, header row,
 * windows-1252): product NDC (labeler-product, hyphenated 4-4, 5-3 or 5-4) to DEA schedule. Kept as
 * sorted primitive arrays: the whole directory (about 130,000 products) costs about 1.5 MB.
 */
final class FdaProductDirectory {
    static final Charset FDA_CHARSET = Charset.forName("windows-1252");
    private static final byte NOT_CONTROLLED = 0;

    private final int[] products;
    private final byte[] schedules;
    private final int controlled;
    private final int skipped;

    /** A product found in the directory; {@code schedule} empty when not controlled. */
    record Listing(String productNdc, Optional<DeaSchedule> schedule) {}

    private FdaProductDirectory(int[] products, byte[] schedules, int skipped) {
        this.skipped = skipped;
        this.products = products;
        this.schedules = schedules;
        int n = 0;
        for (byte b : schedules) {
            n += b == NOT_CONTROLLED ? 0 : 1;
        }
        this.controlled = n;
    }

    static FdaProductDirectory empty() {
        return new FdaProductDirectory(new int[0], new byte[0], 0);
    }

    /**
     * Reads product.txt. A UTF-8 byte-order mark switches to UTF-8; otherwise the bytes are FDA's
     * windows-1252. Only PRODUCTNDC and DEASCHEDULE are required, found by name in the header.
     */
    static FdaProductDirectory load(InputStream raw, String source) throws IOException {
        var in = new BufferedInputStream(raw, 1 << 16);
        in.mark(3);
        byte[] bom = in.readNBytes(3);
        boolean utf8 = bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF;
        if (!utf8) {
            in.reset();
        }
        var reader =
                new BufferedReader(new InputStreamReader(in, utf8 ? StandardCharsets.UTF_8 : FDA_CHARSET), 1 << 16);
        String header = reader.readLine();
        if (header == null) {
            throw new IllegalArgumentException(source + ": empty file, expected the product.txt header");
        }
        Map<String, Integer> columns = columns(header);
        int ndcColumn = required(columns, "PRODUCTNDC", source);
        int deaColumn = required(columns, "DEASCHEDULE", source);
        long[] packed = new long[1 << 17];
        int n = 0;
        int skipped = 0;
        String line;
        int lineNo = 1;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            // Only two of twenty columns are needed: cut them out instead of splitting the whole line.
            String ndc = field(line, ndcColumn);
            String dea = field(line, deaColumn);
            if (ndc == null || dea == null) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": fewer columns than the header");
            }
            int key = productKey(ndc);
            byte schedule = scheduleByte(dea, source, lineNo);
            if (key < 0) {
                // Another layout (FDA's future 12-digit NDC) cannot match an order's 11-digit NDC.
                skipped++;
                continue;
            }
            if (n == packed.length) {
                packed = Arrays.copyOf(packed, n * 2);
            }
            packed[n++] = ((long) key << 8) | schedule;
        }
        return fromPacked(packed, n, skipped);
    }

    // Sorted by product; one product listed twice keeps its strictest schedule (a controlled product
    // must never lose its schedule to a stale duplicate).
    private static FdaProductDirectory fromPacked(long[] packed, int n, int skipped) {
        Arrays.sort(packed, 0, n);
        int[] keys = new int[n];
        byte[] values = new byte[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int key = (int) (packed[i] >>> 8);
            byte value = (byte) (packed[i] & 0xFF);
            if (m > 0 && keys[m - 1] == key) {
                values[m - 1] = stricter(values[m - 1], value);
            } else {
                keys[m] = key;
                values[m++] = value;
            }
        }
        return new FdaProductDirectory(Arrays.copyOf(keys, m), Arrays.copyOf(values, m), skipped);
    }

    /** The listing of the product an 11-digit package NDC belongs to (its first 9 digits, 5-4). */
    Optional<Listing> find(String ndc11) {
        if (ndc11 == null || !ndc11.matches("[0-9]{11}")) {
            return Optional.empty();
        }
        int i = Arrays.binarySearch(products, Integer.parseInt(ndc11.substring(0, 9)));
        if (i < 0) {
            return Optional.empty();
        }
        byte b = schedules[i];
        Optional<DeaSchedule> s = b == NOT_CONTROLLED ? Optional.empty() : Optional.of(DeaSchedule.values()[b - 1]);
        return Optional.of(new Listing(ndc11.substring(0, 5) + "-" + ndc11.substring(5, 9), s));
    }

    int size() {
        return products.length;
    }

    int controlled() {
        return controlled;
    }

    /** Rows whose PRODUCTNDC is in no 10-digit layout (none today), left out. */
    int skipped() {
        return skipped;
    }

    /** Labeler and product normalised to 5-4 digits as one int, or -1 for another layout. */
    static int productKey(String productNdc) {
        String[] p = productNdc.strip().split("-");
        if (p.length != 2 || !p[0].matches("[0-9]{4,5}") || !p[1].matches("[0-9]{3,4}")) {
            return -1;
        }
        if (p[0].length() + p[1].length() != 8 && !(p[0].length() == 5 && p[1].length() == 4)) {
            return -1;
        }
        String nine = "0".repeat(5 - p[0].length()) + p[0] + "0".repeat(4 - p[1].length()) + p[1];
        return Integer.parseInt(nine);
    }

    /** The tab-separated column {@code index} of {@code line}, or null when the line is shorter. */
    private static String field(String line, int index) {
        int start = 0;
        for (int i = 0; i < index; i++) {
            start = line.indexOf('\t', start) + 1;
            if (start == 0) {
                return null;
            }
        }
        int end = line.indexOf('\t', start);
        return line.substring(start, end < 0 ? line.length() : end);
    }

    private static byte scheduleByte(String value, String source, int lineNo) {
        if (value.isBlank()) {
            return NOT_CONTROLLED;
        }
        // An unreadable schedule stops the start-up: guessing could send a controlled drug unscheduled.
        DeaSchedule s = DeaSchedule.fromTableValue(value)
                .orElseThrow(() -> new IllegalArgumentException(
                        source + ":" + lineNo + ": DEASCHEDULE must be blank or CI, CII, CIII, CIV, CV"));
        return (byte) (s.ordinal() + 1);
    }

    private static byte stricter(byte a, byte b) {
        if (a == NOT_CONTROLLED) {
            return b;
        }
        return b == NOT_CONTROLLED ? a : (byte) Math.min(a, b);
    }

    private static Map<String, Integer> columns(String header) {
        String[] names = header.replace("\uFEFF", "").split("\t", -1);
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            columns.putIfAbsent(names[i].strip().toUpperCase(Locale.ROOT), i);
        }
        return columns;
    }

    private static int required(Map<String, Integer> columns, String name, String source) {
        Integer i = columns.get(name);
        if (i == null) {
            throw new IllegalArgumentException(
                    source + ": no " + name + " column in the header (is this product.txt?)");
        }
        return i;
    }
}
