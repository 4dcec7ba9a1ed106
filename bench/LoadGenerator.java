import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Open-loop load generator for RxFlow Hub (JDK only; run with the source launcher).
 *
 * <pre>
 * java bench/LoadGenerator.java run --url http://127.0.0.1:18080 --key bench-key --rate 500 --duration 60 \
 *      --fixtures src/test/resources/fixtures/intake/valid --accepted out/accepted.csv --summary out/summary.properties
 * java bench/LoadGenerator.java received --url http://127.0.0.1:18080 --pharmacies 1234563,2345671,3456786 --out ids.txt
 * </pre>
 *
 * <p>{@code --format envelope} (default) posts the hub's own JSON envelope to {@code /api/v1/prescriptions};
 * {@code --format transaction} posts the same prescription as a FHIR R5 transaction Bundle
 * ({@code application/fhir+json}, entries referenced by urn:uuid) to {@code /fhir/r5}: the standard
 * shape a second system can take too. The hub answers it {@code 200} with a transaction-response whose
 * MedicationRequest entry is {@code 201 Created} (its id in the entry's location). For such a peer: {@code --path} (appended to {@code --url}),
 * {@code --key ""} (no X-API-Key), {@code --header "Name: value"}, {@code --ok-status 200,201,202},
 * {@code --require-id false} (an answer without a prescription id still counts) and
 * {@code --heap-sample false} (no hub actuator to read).
 *
 * <p>Open loop: send i is due at t0 + i/rate whatever happened to earlier sends, and its latency is
 * measured from that intended time, so a stalled hub shows up as latency instead of silently lowering
 * the offered load (no coordinated omission). Sends that would exceed the in-flight cap are not sent
 * and count as errors ({@code in-flight-cap}). {@code --burst N} (default 1) makes the sends due N at a
 * time at the same average rate: send i is due at t0 + (i - i mod N)/rate (docs/benchmarks.md, "Fifteenth
 * look": what the same rate costs arriving in bursts).
 *
 * <p>Every request is a distinct prescription built from the intake fixtures: a unique
 * MedicationRequest identifier (so the content idempotency key is new), a patient name and birth
 * date variant, and the pharmacy cycled among the simulator pharmacies.
 */
public class LoadGenerator {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: LoadGenerator run|received --option value ...");
            System.exit(2);
        }
        Map<String, String> opts = options(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "run" -> new Run(opts).execute();
            case "received" -> received(opts);
            default -> {
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The measured run
    // ---------------------------------------------------------------------------------------------

    static final class Run {
        final String url;
        final String key;
        final double rate;
        final int burst; // sends due together: i is due at t0 + (i - i % burst) / rate
        final int durationSeconds;
        final int maxInFlight;
        final Duration timeout;
        final Path acceptedFile;
        final Path summaryFile;
        final String label;
        final Prescriptions prescriptions;
        final URI target;
        final String contentType;
        final String extraHeader;
        final List<Integer> okStatuses;
        final boolean requireId;
        final boolean heapSample;

        final int total;
        final long[] latencyMicros; // from intended send time to response complete
        final int[] status; // HTTP status, 0 = no answer
        final String[] ids;
        final long[] acceptedAtMicros; // epoch micros of the answer
        final String[] pharmacy;
        final boolean[] accepted;
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlightSeen = new AtomicInteger();
        final AtomicLong outstanding = new AtomicLong();
        volatile double heapMaxBytes = -1;

        Run(Map<String, String> o) throws IOException {
            url = o.getOrDefault("url", "http://127.0.0.1:18080");
            key = o.getOrDefault("key", "bench-key");
            rate = Double.parseDouble(o.getOrDefault("rate", "100"));
            burst = Integer.parseInt(o.getOrDefault("burst", "1"));
            if (burst < 1) throw new IllegalArgumentException("--burst must be at least 1");
            durationSeconds = Integer.parseInt(o.getOrDefault("duration", "10"));
            maxInFlight = Integer.parseInt(o.getOrDefault("max-in-flight", String.valueOf(Math.max(256, (int) rate))));
            timeout = Duration.ofSeconds(Long.parseLong(o.getOrDefault("timeout", "30")));
            acceptedFile = Path.of(o.getOrDefault("accepted", "accepted.csv"));
            summaryFile = o.containsKey("summary") ? Path.of(o.get("summary")) : null;
            label = o.getOrDefault("label", "run");
            List<String> pharmacies = List.of(o.getOrDefault("pharmacies", "1234563,2345671,3456786").split(","));
            String tag = o.getOrDefault("tag", Long.toString(System.currentTimeMillis() % 60_466_176L, 36));
            boolean transaction = switch (o.getOrDefault("format", "envelope")) {
                case "envelope" -> false;
                case "transaction" -> true;
                default -> throw new IllegalArgumentException("--format envelope|transaction, not " + o.get("format"));
            };
            prescriptions = new Prescriptions(Path.of(o.getOrDefault(
                    "fixtures", "src/test/resources/fixtures/intake/valid")), pharmacies, tag, transaction);
            target = URI.create(url + o.getOrDefault("path", transaction ? "/fhir/r5" : "/api/v1/prescriptions"));
            contentType = transaction ? "application/fhir+json" : "application/json";
            extraHeader = o.getOrDefault("header", "");
            // The hub answers its envelope 201; a transaction 200, with a transaction-response whose
            // MedicationRequest entry says 201 Created.
            okStatuses = Arrays.stream(o.getOrDefault("ok-status", transaction ? "200" : "201").split(","))
                    .map(String::strip)
                    .map(Integer::valueOf)
                    .toList();
            requireId = Boolean.parseBoolean(o.getOrDefault("require-id", "true"));
            heapSample = Boolean.parseBoolean(o.getOrDefault("heap-sample", "true"));
            total = (int) Math.round(rate * durationSeconds);
            latencyMicros = new long[total];
            status = new int[total];
            ids = new String[total];
            acceptedAtMicros = new long[total];
            pharmacy = new String[total];
            accepted = new boolean[total];
        }

        void execute() throws Exception {
            ExecutorService httpExecutor = Executors.newFixedThreadPool(3, daemon("http"));
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .executor(httpExecutor)
                    .build();
            // Bodies are built before the clock starts, so building them costs no send time.
            String[] bodies = new String[total];
            for (int i = 0; i < total; i++) {
                bodies[i] = prescriptions.body(i);
                pharmacy[i] = prescriptions.pharmacy(i);
            }
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(daemon("heap"));
            HttpClient sampleClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            if (heapSample) {
                sampler.scheduleAtFixedRate(() -> sampleHeap(sampleClient), 0, 1, TimeUnit.SECONDS);
            }
            long cpu0 = processCpuNanos();

            long period = Math.round(1e9 / rate);
            long t0 = System.nanoTime() + 50_000_000L; // a short lead so the first sends are on time
            long wall0Micros = epochMicros() + 50_000L;
            long maxLagNanos = 0;
            for (int i = 0; i < total; i++) {
                long due = t0 + (i - i % burst) * period;
                long now;
                while ((now = System.nanoTime()) < due) {
                    long gap = due - now;
                    if (gap > 200_000) LockSupport.parkNanos(gap - 100_000);
                    else Thread.onSpinWait();
                }
                maxLagNanos = Math.max(maxLagNanos, now - due);
                if (inFlight.get() >= maxInFlight) {
                    error(i, "in-flight-cap");
                    continue;
                }
                int n = inFlight.incrementAndGet();
                maxInFlightSeen.accumulateAndGet(n, Math::max);
                outstanding.incrementAndGet();
                final int index = i;
                HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                        .timeout(timeout)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(bodies[i]));
                if (!key.isEmpty()) builder.header("X-API-Key", key);
                if (!extraHeader.isEmpty()) {
                    int colon = extraHeader.indexOf(':');
                    builder.header(extraHeader.substring(0, colon).strip(), extraHeader.substring(colon + 1).strip());
                }
                HttpRequest request = builder.build();
                bodies[i] = null;
                client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                    long done = System.nanoTime();
                    latencyMicros[index] = (done - due) / 1000;
                    if (failure != null) {
                        error(index, failureKind(failure));
                    } else {
                        status[index] = response.statusCode();
                        boolean ok = okStatuses.contains(response.statusCode());
                        String id = ok ? idOrNull(response) : null;
                        if (ok && (id != null || !requireId)) {
                            ids[index] = id;
                            accepted[index] = true;
                            acceptedAtMicros[index] = epochMicros();
                        } else if (ok) {
                            error(index, "no-id-in-" + response.statusCode());
                        } else {
                            error(index, "http-" + response.statusCode());
                        }
                    }
                    inFlight.decrementAndGet();
                    outstanding.decrementAndGet();
                });
            }
            long sendEnd = System.nanoTime();
            // Bounded wait for the last answers: at most the request timeout and a margin.
            long deadline = System.nanoTime() + timeout.toNanos() + 5_000_000_000L;
            while (outstanding.get() > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(10_000_000L);
            }
            long end = System.nanoTime();
            long cpu1 = processCpuNanos();
            sampler.shutdownNow();
            if (outstanding.get() > 0) {
                errors.computeIfAbsent("unanswered-at-end", k -> new LongAdder()).add(outstanding.get());
            }
            report(t0, wall0Micros, sendEnd, end, maxLagNanos, cpu1 - cpu0);
            httpExecutor.shutdownNow();
        }

        void error(int index, String kind) {
            latencyMicros[index] = -1;
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        void sampleHeap(HttpClient c) {
            try {
                HttpResponse<String> r = c.send(
                        HttpRequest.newBuilder(URI.create(url + "/actuator/metrics/jvm.memory.used?tag=area:heap"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    Object value = ((Map<?, ?>) ((List<?>) ((Map<?, ?>) Json.parse(r.body())).get("measurements")).get(0)).get("value");
                    heapMaxBytes = Math.max(heapMaxBytes, ((Json.Num) value).doubleValue());
                }
            } catch (Exception e) {
                // A missed sample only lowers the heap figure's resolution; counted so it is visible.
                errors.computeIfAbsent("heap-sample-failed (not a request)", k -> new LongAdder()).increment();
            }
        }

        void report(long t0, long wall0Micros, long sendEnd, long end, long maxLagNanos, long ownCpuNanos)
                throws IOException {
            long[] ok = new long[total];
            int accepted = 0;
            int answered = 0;
            for (int i = 0; i < total; i++) {
                if (status[i] != 0) answered++;
                if (this.accepted[i]) ok[accepted++] = latencyMicros[i];
            }
            long[] sorted = Arrays.copyOf(ok, accepted);
            Arrays.sort(sorted);
            double sendSeconds = (sendEnd - t0) / 1e9;
            double windowSeconds = (end - t0) / 1e9;
            long errorCount = errors.entrySet().stream()
                    .filter(e -> !e.getKey().startsWith("heap-sample"))
                    .mapToLong(e -> e.getValue().sum())
                    .sum();

            Map<String, String> s = new LinkedHashMap<>();
            s.put("label", label);
            s.put("target_rate", fmt(rate));
            s.put("duration_s", String.valueOf(durationSeconds));
            s.put("scheduled", String.valueOf(total));
            s.put("sent_rate", fmt((total - count("in-flight-cap")) / sendSeconds));
            s.put("accepted", String.valueOf(accepted));
            s.put("accepted_rate", fmt(accepted / windowSeconds));
            s.put("answered", String.valueOf(answered));
            s.put("errors", String.valueOf(errorCount));
            s.put("error_kinds", errors.isEmpty() ? "none" : new TreeMap<>(errors).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue().sum())
                    .collect(Collectors.joining(",")));
            s.put("http_p50_ms", ms(percentile(sorted, 0.50)));
            s.put("http_p90_ms", ms(percentile(sorted, 0.90)));
            s.put("http_p99_ms", ms(percentile(sorted, 0.99)));
            s.put("http_p999_ms", ms(percentile(sorted, 0.999)));
            s.put("http_max_ms", ms(sorted.length == 0 ? -1 : sorted[sorted.length - 1]));
            s.put("max_send_lag_ms", fmt(maxLagNanos / 1e6));
            s.put("max_in_flight", String.valueOf(maxInFlightSeen.get()));
            s.put("in_flight_cap", String.valueOf(maxInFlight));
            s.put("hub_heap_max_mb", heapMaxBytes < 0 ? "n/a" : fmt(heapMaxBytes / 1048576.0));
            s.put("generator_cpu_ms", fmt(ownCpuNanos / 1e6));
            s.put("window_s", fmt(windowSeconds));

            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(acceptedFile, StandardCharsets.UTF_8))) {
                for (int i = 0; i < total; i++) {
                    if (this.accepted[i] && ids[i] != null) {
                        long intended = wall0Micros + Math.round((i - i % burst) * 1e6 / rate);
                        w.println(ids[i] + "," + pharmacy[i] + "," + isoMicros(intended) + ","
                                + isoMicros(acceptedAtMicros[i]) + "," + latencyMicros[i]);
                    }
                }
            }
            StringBuilder out = new StringBuilder();
            s.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
            if (summaryFile != null) Files.writeString(summaryFile, out.toString());
            System.out.printf(
                    "[%s] target %s/s for %ds: sent %s/s, accepted %d (%s/s), errors %d (%s)%n"
                            + "[%s] HTTP latency ms  p50 %s  p90 %s  p99 %s  p99.9 %s  max %s"
                            + "  (max send lag %s ms, max in flight %d, heap max %s MB)%n",
                    label, s.get("target_rate"), durationSeconds, s.get("sent_rate"), accepted,
                    s.get("accepted_rate"), errorCount, s.get("error_kinds"), label, s.get("http_p50_ms"),
                    s.get("http_p90_ms"), s.get("http_p99_ms"), s.get("http_p999_ms"), s.get("http_max_ms"),
                    s.get("max_send_lag_ms"), maxInFlightSeen.get(), s.get("hub_heap_max_mb"));
        }

        long count(String kind) {
            LongAdder a = errors.get(kind);
            return a == null ? 0 : a.sum();
        }
    }

    /**
     * From a transaction-response: the id of the MedicationRequest its entry says was created
     * ({@code 201}, location {@code MedicationRequest/<id>/_history/<n>}); null for a resend ({@code 200}).
     */
    static String createdMedicationRequest(Map<?, ?> bundle) {
        if (!(bundle.get("entry") instanceof List<?> entries)) return null;
        for (Object e : entries) {
            if (e instanceof Map<?, ?> entry && entry.get("response") instanceof Map<?, ?> r) {
                String location = String.valueOf(r.get("location"));
                if (String.valueOf(r.get("status")).startsWith("201") && location.startsWith("MedicationRequest/")) {
                    return location.split("/")[1];
                }
            }
        }
        return null;
    }

    /** {@link #idFrom}, or null when the answer names none (a peer's own answer). */
    static String idOrNull(HttpResponse<String> response) {
        try {
            return idFrom(response);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The prescription id from the Location header (or the body's "id" as a fallback). */
    static String idFrom(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElse("");
        int slash = location.lastIndexOf('/');
        if (slash >= 0 && location.length() - slash > 30) return location.substring(slash + 1);
        Map<?, ?> body = (Map<?, ?>) Json.parse(response.body());
        if ("Bundle".equals(String.valueOf(body.get("resourceType")))) return createdMedicationRequest(body);
        Object id = body.get("id");
        return id == null ? null : id.toString();
    }

    static String failureKind(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (c instanceof HttpTimeoutException) return "timeout";
        if (c instanceof ConnectException) return "connect";
        return "io-" + c.getClass().getSimpleName();
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) return -1;
        int rank = (int) Math.ceil(p * sorted.length) - 1; // nearest-rank
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    static String ms(long micros) {
        return micros < 0 ? "n/a" : fmt(micros / 1000.0);
    }

    static String fmt(double d) {
        return String.format(java.util.Locale.ROOT, d >= 100 ? "%.0f" : "%.1f", d);
    }

    static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    static String isoMicros(long epochMicros) {
        return Instant.ofEpochSecond(epochMicros / 1_000_000L, (epochMicros % 1_000_000L) * 1000).toString();
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "loadgen-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Distinct prescriptions from the fixtures
    // ---------------------------------------------------------------------------------------------

    /**
     * Each fixture is parsed once, its variable fields replaced by markers and serialized again; a
     * body is then the template's literal parts joined with the values of request i.
     */
    static final class Prescriptions {
        static final String[] FAMILY = {"Rivera", "Nguyen", "Okafor", "Schmidt", "Haddad", "Kowalczyk", "Lindgren",
            "Moreau", "Takahashi", "Fernandes", "Abernathy", "Delacroix", "Mbeki", "Olsen", "Castellanos", "Whitfield",
            "Yilmaz", "Park", "Donnelly", "Ivanova", "Quinones", "Baptiste", "Hargrove", "Sato"};
        static final String[] GIVEN = {"Maria", "James", "Aisha", "Wei", "Olga", "Luis", "Priya", "Samuel", "Hannah",
            "Tomas", "Grace", "Ibrahim", "Elena", "Marcus", "Yuki", "Daniel", "Fatima", "Noah", "Chloe", "Rafael"};
        static final List<String> SLOTS = List.of("MRID", "FAMILY", "GIVEN", "BIRTH", "PHARM");

        record Template(String name, List<String> parts, List<String> slots, LocalDate birth) {}

        final List<Template> templates = new ArrayList<>();
        final List<String> pharmacies;
        final String tag;

        Prescriptions(Path dir, List<String> pharmacies, String tag, boolean transaction) throws IOException {
            this.pharmacies = pharmacies;
            this.tag = tag;
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    templates.add(template(f, transaction));
                }
            }
            if (templates.isEmpty()) throw new IllegalStateException("no fixtures in " + dir);
        }

        String pharmacy(int i) {
            return pharmacies.get(i % pharmacies.size());
        }

        String body(int i) {
            // Fixture i mod n and pharmacy i mod 3 (n = 26 is prime to 3): every combination occurs.
            Template t = templates.get(i % templates.size());
            Map<String, String> v = new HashMap<>();
            v.put("MRID", "BN" + tag + "-" + i);
            v.put("FAMILY", FAMILY[(i / 7) % FAMILY.length]);
            v.put("GIVEN", GIVEN[(i / 11) % GIVEN.length]);
            v.put("BIRTH", t.birth() == null ? "" : t.birth().plusDays((i * 37L) % 181 - 90).toString());
            v.put("PHARM", pharmacy(i));
            StringBuilder b = new StringBuilder(4096);
            for (int k = 0; k < t.slots().size(); k++) {
                b.append(t.parts().get(k)).append(v.get(t.slots().get(k)));
            }
            return b.append(t.parts().get(t.parts().size() - 1)).toString();
        }

        @SuppressWarnings("unchecked")
        static Template template(Path file, boolean transaction) throws IOException {
            Map<String, Object> root = (Map<String, Object>) Json.parse(Files.readString(file));
            Map<String, Object> mr = (Map<String, Object>) root.get("medication_request");
            List<Object> mrIds = (List<Object>) mr.get("identifier");
            ((Map<String, Object>) mrIds.get(0)).put("value", marker("MRID"));

            Map<String, Object> patient = (Map<String, Object>) root.get("patient");
            for (Object n : (List<Object>) patient.get("name")) {
                Map<String, Object> name = (Map<String, Object>) n;
                if (name.containsKey("family")) {
                    name.put("family", marker("FAMILY"));
                    List<Object> given = (List<Object>) name.get("given");
                    if (given != null && !given.isEmpty()) given.set(0, marker("GIVEN"));
                    break;
                }
            }
            LocalDate birth = null;
            if (patient.get("birthDate") instanceof String s && s.length() == 10) {
                birth = LocalDate.parse(s);
                patient.put("birthDate", marker("BIRTH"));
            }
            Map<String, Object> pharmacy = (Map<String, Object>) root.get("pharmacy");
            boolean found = false;
            for (Object o : (List<Object>) pharmacy.get("identifier")) {
                Map<String, Object> id = (Map<String, Object>) o;
                if (String.valueOf(id.get("system")).endsWith("NCPDPProviderIdentificationNumber")) {
                    id.put("value", marker("PHARM"));
                    found = true;
                }
            }
            if (!found) throw new IllegalStateException(file + ": no pharmacy NCPDP identifier");

            // Split the serialized template on the markers (each sits inside a JSON string).
            String text = Json.write(transaction ? transactionBundle(root) : root);
            List<String> parts = new ArrayList<>();
            List<String> slots = new ArrayList<>();
            int from = 0;
            while (true) {
                int at = text.indexOf("@@", from);
                if (at < 0) break;
                int close = text.indexOf("@@", at + 2);
                parts.add(text.substring(from, at));
                slots.add(text.substring(at + 2, close));
                from = close + 2;
            }
            parts.add(text.substring(from));
            if (!SLOTS.containsAll(slots)) throw new IllegalStateException(file + ": unexpected markers " + slots);
            return new Template(file.getFileName().toString(), parts, slots, birth);
        }

        /**
         * The envelope's resources as a FHIR R5 transaction Bundle: one POST entry each, the
         * MedicationRequest last, its references pointing at the entries' urn:uuid fullUrls; what the
         * MedicationRequest contains stays contained.
         */
        @SuppressWarnings("unchecked")
        static Map<String, Object> transactionBundle(Map<String, Object> envelope) {
            Map<String, Object> mr = (Map<String, Object>) envelope.get("medication_request");
            List<Object> entries = new ArrayList<>();
            mr.put("subject", entry(entries, envelope.get("patient")));
            mr.put("requester", entry(entries, envelope.get("practitioner")));
            Map<String, Object> dispense = (Map<String, Object>) mr.computeIfAbsent("dispenseRequest", k -> new LinkedHashMap<>());
            dispense.put("dispenser", entry(entries, envelope.get("pharmacy")));
            if (envelope.get("medication") != null) {
                Map<String, Object> medication = new LinkedHashMap<>();
                medication.put("reference", entry(entries, envelope.get("medication")));
                mr.put("medication", medication);
            }
            entry(entries, mr);
            Map<String, Object> bundle = new LinkedHashMap<>();
            bundle.put("resourceType", "Bundle");
            bundle.put("type", "transaction");
            bundle.put("entry", entries);
            return bundle;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> entry(List<Object> entries, Object resource) {
            Map<String, Object> r = (Map<String, Object>) resource;
            String fullUrl = "urn:uuid:" + java.util.UUID.randomUUID();
            r.remove("id");
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("method", "POST");
            request.put("url", r.get("resourceType"));
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("fullUrl", fullUrl);
            e.put("resource", r);
            e.put("request", request);
            entries.add(e);
            Map<String, Object> reference = new LinkedHashMap<>();
            reference.put("reference", fullUrl);
            return reference;
        }

        static String marker(String slot) {
            return "@@" + slot + "@@";
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The simulator's record of what it received
    // ---------------------------------------------------------------------------------------------

    /** Writes every MessageID the simulator pharmacies accepted (one a line) and prints the counts. */
    static void received(Map<String, String> o) throws Exception {
        String url = o.getOrDefault("url", "http://127.0.0.1:18080");
        HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long count = 0;
        long duplicates = 0;
        List<String> all = new ArrayList<>();
        for (String id : o.getOrDefault("pharmacies", "1234563,2345671,3456786").split(",")) {
            HttpResponse<String> r = c.send(
                    HttpRequest.newBuilder(URI.create(url + "/simulator/pharmacies/" + id + "/received"))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                System.out.println("simulator_unavailable=" + id + " HTTP " + r.statusCode());
                System.exit(3);
            }
            Map<?, ?> json = (Map<?, ?>) Json.parse(r.body());
            long n = ((Json.Num) json.get("count")).longValue();
            long d = ((Json.Num) json.get("duplicates")).longValue();
            List<?> ids = (List<?>) json.get("message_ids");
            System.out.println("pharmacy_" + id + "=count " + n + ", message_ids " + ids.size() + ", duplicates " + d);
            count += n;
            duplicates += d;
            ids.forEach(x -> all.add(x.toString()));
        }
        Files.write(Path.of(o.getOrDefault("out", "received.txt")), all, StandardCharsets.UTF_8);
        System.out.println("sim_count=" + count);
        System.out.println("sim_message_ids=" + all.size());
        System.out.println("sim_distinct_message_ids=" + all.stream().distinct().count());
        System.out.println("sim_duplicates=" + duplicates);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value at " + args[i]);
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

    // ---------------------------------------------------------------------------------------------
    // Minimal JSON: objects (insertion-ordered), arrays, strings, numbers kept verbatim, literals
    // ---------------------------------------------------------------------------------------------

    static final class Json {
        /** A number as written, so re-serializing a fixture never changes 30 into 30.0. */
        record Num(String text) {
            double doubleValue() {
                return Double.parseDouble(text);
            }

            long longValue() {
                return (long) doubleValue();
            }

            @Override
            public String toString() {
                return text;
            }
        }

        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json j = new Json(text);
            Object v = j.value();
            j.ws();
            if (j.i != text.length()) throw j.error("trailing content");
            return v;
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (s.charAt(i) == '}') { i++; return m; }
                    while (true) {
                        ws();
                        String k = string();
                        ws();
                        expect(':');
                        m.put(k, value());
                        ws();
                        if (s.charAt(i) == ',') { i++; continue; }
                        expect('}');
                        return m;
                    }
                }
                case '[': {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (s.charAt(i) == ']') { i++; return l; }
                    while (true) {
                        l.add(value());
                        ws();
                        if (s.charAt(i) == ',') { i++; continue; }
                        expect(']');
                        return l;
                    }
                }
                case '"':
                    return string();
                default:
                    if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
                    if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
                    if (s.startsWith("null", i)) { i += 4; return null; }
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
                    if (start == i) throw error("unexpected character");
                    return new Num(s.substring(start, i));
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> { b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                    default -> b.append(e); // \" \\ \/
                }
            }
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        private void expect(char c) {
            if (s.charAt(i) != c) throw error("expected '" + c + "'");
            i++;
        }

        private RuntimeException error(String what) {
            return new IllegalArgumentException("JSON: " + what + " at offset " + i);
        }

        static String write(Object v) {
            StringBuilder b = new StringBuilder();
            write(v, b);
            return b.toString();
        }

        private static void write(Object v, StringBuilder b) {
            if (v == null) b.append("null");
            else if (v instanceof String str) quote(str, b);
            else if (v instanceof Map<?, ?> m) {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) b.append(',');
                    first = false;
                    quote(e.getKey().toString(), b);
                    b.append(':');
                    write(e.getValue(), b);
                }
                b.append('}');
            } else if (v instanceof List<?> l) {
                b.append('[');
                for (int k = 0; k < l.size(); k++) {
                    if (k > 0) b.append(',');
                    write(l.get(k), b);
                }
                b.append(']');
            } else b.append(v); // Num, Boolean
        }

        private static void quote(String str, StringBuilder b) {
            b.append('"');
            for (int k = 0; k < str.length(); k++) {
                char c = str.charAt(k);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                        else b.append(c);
                    }
                }
            }
            b.append('"');
        }
    }
}
