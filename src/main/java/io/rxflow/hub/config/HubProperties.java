package io.rxflow.hub.config;

import io.rxflow.hub.drugs.UnknownDrugPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The hub's typed settings under {@code rxflow.*}; defaults and their meaning are documented in
 * {@code application.yaml} and the README's configuration table.
 */
@ConfigurationProperties("rxflow")
public record HubProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Database db,
        @DefaultValue Api api,
        @DefaultValue Idempotency idempotency,
        @DefaultValue Drugs drugs,
        @DefaultValue Script script,
        @DefaultValue Pharmacies pharmacies,
        @DefaultValue Outbox outbox,
        @DefaultValue Dispatch dispatch) {

    /** External PostgreSQL; an empty URL means the embedded PostgreSQL under the data folder. */
    public record Database(
            @DefaultValue("") String url,
            @DefaultValue("") String user,
            @DefaultValue("") String password,
            @DefaultValue("16") int poolSize) {
        /** True when no external database is configured. */
        public boolean embedded() {
            return url == null || url.isBlank();
        }
    }

    /** API access: the accepted keys (plain text, hashed at start), the request size limit and rate limits. */
    public record Api(
            @DefaultValue List<String> keys,
            @DefaultValue("1MB") DataSize maxBodySize,
            @DefaultValue RateLimits rateLimits) {
        @ConstructorBinding
        public Api {}

        public Api(List<String> keys, DataSize maxBodySize) {
            this(keys, maxBodySize, new RateLimits(1000, 2000, Map.of()));
        }
    }

    /**
     * Requests per second and burst allowed per API key (0 requests per second: unlimited), and
     * overrides by key id ({@code key-} and the first 12 hex digits of the key's SHA-256, as audited) or
     * a longer prefix of that hash: keys are secrets and never appear in configuration.
     */
    public record RateLimits(
            @DefaultValue("1000") double requestsPerSecond,
            @DefaultValue("2000") int burst,
            @DefaultValue Map<String, KeyLimit> keys) {}

    /** One key's rate (requests per second) and burst. */
    public record KeyLimit(double requestsPerSecond, int burst) {}

    /** The server secret keying the HMAC idempotency key; generated into the data folder when empty. */
    public record Idempotency(@DefaultValue("") String secret) {}

    /**
     * SCRIPT settings: the sender ID the network assigned (Header/From), its qualifier, an optional
     * folder of the operator's official NCPDP schemas, the 2023011 to 2017071 stylesheet, the
     * identifier system the EHR uses for prescriber state licences, and whether the structured Sig is
     * sent after SigText.
     */
    public record Script(
            @DefaultValue("RXFLOWHUB") String senderId,
            @DefaultValue("D") String senderQualifier,
            @DefaultValue("") String officialSchemaDir,
            @DefaultValue("classpath:xslt/script-2023011-to-2017071.xsl") String stylesheet2017071,
            @DefaultValue("") String stateLicenseSystem,
            @DefaultValue("true") boolean structuredSig) {}

    /**
     * Where the drug table is read from (a Spring resource location); FDA's product.txt and the RxNorm
     * RRF folder (file paths, empty for none); what to do with a drug found in no table.
     */
    public record Drugs(
            @DefaultValue("classpath:config/drugs.csv") String table,
            @DefaultValue("") String fdaProductFile,
            @DefaultValue("") String rxnormDir,
            @DefaultValue("send-uncontrolled") UnknownDrugPolicy unknownDrugPolicy) {}

    /** Where the pharmacy directory is read from (a Spring resource location). */
    public record Pharmacies(@DefaultValue("classpath:config/pharmacies.yaml") String file) {}

    /**
     * The outbox relay: the shortest time between the starts of two of its runs (ms), how long after
     * start it begins (ms), how many rows it claims at once, how long it waits for the broker's
     * acknowledgement of a batch, whether it sleeps until a commit adds rows (PostgreSQL
     * LISTEN/NOTIFY) instead of running every poll interval, and, when it does, the longest it sleeps
     * without a notification (ms).
     */
    public record Outbox(
            @DefaultValue("20") long pollIntervalMs,
            @DefaultValue("1000") long startDelayMs,
            @DefaultValue("500") int batchSize,
            @DefaultValue("30s") Duration ackTimeout,
            @DefaultValue("true") boolean wakeOnCommit,
            @DefaultValue("1000") long idlePollMs) {

        public Outbox {
            if (pollIntervalMs < 1) {
                throw new IllegalArgumentException(
                        "rxflow.outbox.poll-interval-ms must be at least 1, was " + pollIntervalMs);
            }
            if (idlePollMs < pollIntervalMs) {
                throw new IllegalArgumentException("rxflow.outbox.idle-poll-ms (" + idlePollMs
                        + ") must be at least rxflow.outbox.poll-interval-ms (" + pollIntervalMs + ")");
            }
            // 0 claimed nothing while the relay's loop took a batch of 0 for a full one: it never ended.
            if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException(
                        "rxflow.outbox.batch-size (RXFLOW_OUTBOX_BATCH_SIZE) must be from 1 to " + MAX_BATCH_SIZE
                                + ", was " + batchSize);
            }
        }

        /** More rows than one Kafka batch and one statement sensibly carry. */
        static final int MAX_BATCH_SIZE = 10_000;
    }

    /**
     * Delivery to pharmacies: redeliveries of a transient failure before the dead letter, their
     * exponential back-off (first and longest delay, ms), Kafka consumers per pharmacy route, the
     * group commit of outcomes (most outcomes per transaction and how long the writer waits for more),
     * and how many prescriptions a pharmacy gets at once (1: one per consumer thread, read one message
     * at a time; more: read a poll batch at a time, that many prescriptions delivered at once).
     */
    public record Dispatch(
            @DefaultValue("10") int maxRedeliveries,
            @DefaultValue("500") long redeliveryDelayMs,
            @DefaultValue("30000") long maxRedeliveryDelayMs,
            @DefaultValue("3") int consumersPerPharmacy,
            @DefaultValue("200") int recordMaxBatch,
            @DefaultValue("0ms") Duration recordLinger,
            @DefaultValue("1") int inFlightPerPharmacy) {

        public Dispatch {
            if (inFlightPerPharmacy < 1 || inFlightPerPharmacy > MAX_IN_FLIGHT) {
                throw new IllegalArgumentException(
                        "rxflow.dispatch.in-flight-per-pharmacy (RXFLOW_DISPATCH_IN_FLIGHT_PER_PHARMACY) must be from 1 to "
                                + MAX_IN_FLIGHT + ", was " + inFlightPerPharmacy);
            }
        }

        /** Threads per pharmacy: a batch holds at most max-poll-records (200) prescriptions anyway. */
        static final int MAX_IN_FLIGHT = 200;
    }
}
