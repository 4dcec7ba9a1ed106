import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the hub's CPU went, from a JFR recording's execution samples (JDK only; source launcher):
 * {@code java bench/JfrTop.java hub.jfr [top-n]}.
 *
 * <p>Prints three views of the same samples: the hottest methods by self time (the top frame), the
 * share of samples whose stack contains each of a list of known subsystems (inclusive, so shares
 * overlap), and the share by thread group. Only Java-level samples (jdk.ExecutionSample): time in
 * native code, the kernel and PostgreSQL is not in here.
 */
public class JfrTop {

    /** Inclusive buckets: a sample counts for each bucket with a frame whose class starts with one of its prefixes. */
    static final Map<String, List<String>> SUBSYSTEMS = new LinkedHashMap<>();

    static {
        SUBSYSTEMS.put("FHIR JSON parse (HAPI parser)", List.of("ca.uhn.fhir.parser."));
        SUBSYSTEMS.put("Hub intake beans, all they call (io.rxflow.hub.intake)", List.of("io.rxflow.hub.intake."));
        SUBSYSTEMS.put("Validation (PrescriptionValidator and rules)", List.of(
                "io.rxflow.hub.intake.validation.PrescriptionValidator", "io.rxflow.hub.intake.IntakeChecks"));
        SUBSYSTEMS.put("Hub dispatch beans, all they call (io.rxflow.hub.dispatch)", List.of("io.rxflow.hub.dispatch."));
        SUBSYSTEMS.put("Outbox relay (io.rxflow.hub.outbox)", List.of("io.rxflow.hub.outbox."));
        SUBSYSTEMS.put("FHIR -> SCRIPT mapping and codec", List.of("io.rxflow.hub.mapping.", "io.rxflow.hub.script."));
        SUBSYSTEMS.put("JAXB marshal / unmarshal", List.of("org.glassfish.jaxb.", "com.sun.xml.bind.",
                "jakarta.xml.bind.", "org.apache.camel.converter.jaxb."));
        SUBSYSTEMS.put("XML Schema validation (Xerces)", List.of("com.sun.org.apache.xerces.internal.impl.xs.",
                "com.sun.org.apache.xerces.internal.jaxp.validation."));
        SUBSYSTEMS.put("XSLT 2023011 -> 2017071 (Saxon)", List.of("net.sf.saxon."));
        SUBSYSTEMS.put("HMAC / digests", List.of("javax.crypto.", "sun.security.provider.", "com.sun.crypto."));
        SUBSYSTEMS.put("PostgreSQL JDBC driver", List.of("org.postgresql."));
        SUBSYSTEMS.put("Hikari pool", List.of("com.zaxxer.hikari."));
        SUBSYSTEMS.put("Spring transactions / JDBC", List.of("org.springframework.jdbc.",
                "org.springframework.transaction."));
        SUBSYSTEMS.put("Camel SQL component", List.of("org.apache.camel.component.sql."));
        SUBSYSTEMS.put("Kafka clients (producer/consumer)", List.of("org.apache.kafka.clients."));
        SUBSYSTEMS.put("Kafka broker (in-JVM)", List.of("kafka.", "org.apache.kafka.storage.",
                "org.apache.kafka.server.", "org.apache.kafka.raft.", "org.apache.kafka.metadata.",
                "org.apache.kafka.coordinator."));
        SUBSYSTEMS.put("Resilience4j circuit breaker", List.of("io.github.resilience4j."));
        SUBSYSTEMS.put("Pharmacy simulator", List.of("io.rxflow.hub.simulator."));
        SUBSYSTEMS.put("JDK HTTP client (dispatch)", List.of("jdk.internal.net.http."));
        SUBSYSTEMS.put("Tomcat / servlet", List.of("org.apache.catalina.", "org.apache.coyote.",
                "org.apache.tomcat."));
        SUBSYSTEMS.put("Camel engine (routing, simple language)", List.of("org.apache.camel.impl.",
                "org.apache.camel.processor.", "org.apache.camel.support.", "org.apache.camel.language."));
        SUBSYSTEMS.put("Jackson", List.of("com.fasterxml.jackson."));
        SUBSYSTEMS.put("Logging", List.of("ch.qos.logback.", "org.slf4j."));
        SUBSYSTEMS.put("Micrometer / actuator", List.of("io.micrometer.", "org.springframework.boot.actuate."));
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int topN = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Double> threadCpu = new HashMap<>(); // sum of (user + system) load per sample
        Map<String, Integer> cpuSamples = new HashMap<>();
        int total = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (e.getEventType().getName().equals("jdk.ThreadCPULoad") && e.getThread("eventThread") != null) {
                    String t = threadGroup(e.getThread("eventThread").getOSName());
                    threadCpu.merge(t, (double) e.getFloat("user") + e.getFloat("system"), Double::sum);
                    continue;
                }
                if (e.getEventType().getName().equals("jdk.CPULoad")) cpuSamples.merge("n", 1, Integer::sum);
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
                RecordedStackTrace st = e.getStackTrace();
                if (st == null || st.getFrames().isEmpty()) continue;
                total++;
                self.merge(name(st.getFrames().get(0)), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : st.getFrames()) {
                    String type = f.getMethod().getType().getName();
                    for (var s : SUBSYSTEMS.entrySet()) {
                        if (s.getValue().stream().anyMatch(type::startsWith)) seen.add(s.getKey());
                    }
                }
                if (seen.isEmpty()) seen.add("(other)");
                seen.forEach(k -> inclusive.merge(k, 1, Integer::sum));
                String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
                threads.merge(threadGroup(thread), 1, Integer::sum);
            }
        }
        System.out.printf("JFR execution samples: %d (%s)%n", total, file);
        print("Hottest methods, self time (top frame)", self, total, topN);
        print("Subsystems, inclusive (a sample counts for every subsystem on its stack; shares overlap)",
                inclusive, total, 40);
        print("Thread groups (Java execution samples)", threads, total, 15);
        // jdk.ThreadCPULoad covers every thread with a Java peer, compiler and GC threads included;
        // loads are per-core fractions, summed over the recording's samples (one per thread per period).
        double all = threadCpu.values().stream().mapToDouble(Double::doubleValue).sum();
        System.out.println();
        System.out.println("CPU by thread group (jdk.ThreadCPULoad, share of the JVM's CPU; includes JIT compiler threads)");
        threadCpu.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(15)
                .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100 * e.getValue() / all, e.getKey()));
    }

    static void print(String title, Map<String, Integer> counts, int total, int n) {
        System.out.println();
        System.out.println(title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(n)
                .forEach(e -> System.out.printf("  %5.1f%%  %6d  %s%n", 100.0 * e.getValue() / total, e.getValue(),
                        e.getKey()));
    }

    static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** Thread names without their numbers: "http-nio-18080-exec-12" and "-exec-3" are one group. */
    static String threadGroup(String name) {
        return name.replaceAll("[0-9]+", "#");
    }
}
