package io.rxflow.hub.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A single-node Kafka broker (KRaft, broker and controller in one) running inside this JVM. */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** Partitions of a topic created without an explicit count. */
    public static final int DEFAULT_PARTITIONS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String CONTROLLER = "CONTROLLER";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Path logDir;
    private final int defaultPartitions;
    private int brokerPort;
    private KafkaRaftServer server;

    /** A broker keeping its data in {@code logDir}, listening on {@code port} (0 picks a free one). */
    public EmbeddedKafkaBroker(Path logDir, int port) {
        this(logDir, port, DEFAULT_PARTITIONS);
    }

    /**
     * A broker in {@code logDir} on {@code port} whose topics created without a partition count get
     * {@code defaultPartitions}.
     */
    public EmbeddedKafkaBroker(Path logDir, int port, int defaultPartitions) {
        if (port < 0 || defaultPartitions < 1) {
            throw new IllegalArgumentException("port must be >= 0 and defaultPartitions >= 1");
        }
        this.logDir = logDir.toAbsolutePath();
        this.defaultPartitions = defaultPartitions;
        this.brokerPort = port;
    }

    /**
     * Formats the directory if it has never been formatted, starts the broker and returns once it
     * serves clients. Starting a running broker does nothing.
     *
     * @return the bootstrap address, the same on every start of this instance
     */
    public synchronized String start() {
        if (server != null) {
            return bootstrapServers();
        }
        // A picked port is kept so that clients reconnect to the same address after a restart.
        if (brokerPort == 0) {
            brokerPort = freePort();
        }
        long began = System.nanoTime();
        KafkaConfig config = new KafkaConfig(settings(portOtherThan(brokerPort, EmbeddedKafkaBroker::freePort)), false);
        formatIfNew();
        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            // A half-started server still holds ports, threads and the directory lock.
            starting.shutdown();
            starting.awaitShutdown();
            throw new IllegalStateException("Kafka broker " + bootstrapServers() + " failed to start", e);
        }
        server = starting;
        LOG.info(
                "Kafka broker {} started in {} ms, data in {}",
                bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began),
                logDir);
        return bootstrapServers();
    }

    /** Shuts the broker down cleanly and waits for it; the data stays for the next start. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        LOG.info("Kafka broker {} stopped", bootstrapServers());
    }

    @Override
    public void close() {
        stop();
    }

    /** Whether the broker is serving. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The address clients bootstrap from, {@code 127.0.0.1:PORT}; known once started. */
    public synchronized String bootstrapServers() {
        if (brokerPort == 0) {
            throw new IllegalStateException("The broker has not been started, so it has no port yet");
        }
        return HOST + ":" + brokerPort;
    }

    /** The cluster id written when the directory was formatted; it survives restarts. */
    public String clusterId() {
        Properties meta = new Properties();
        try (Reader reader = Files.newBufferedReader(metaProperties(), StandardCharsets.UTF_8)) {
            meta.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + metaProperties(), e);
        }
        return meta.getProperty("cluster.id");
    }

    /** Creates the topics with the default partition count; topics that exist are left as they are. */
    public void createTopics(Collection<String> names) {
        createTopics(names, defaultPartitions);
    }

    /** Creates the topics with {@code partitions} partitions; topics that exist are left as they are. */
    public void createTopics(Collection<String> names, int partitions) {
        List<NewTopic> topics = names.stream()
                .map(name -> new NewTopic(name, partitions, (short) 1))
                .toList();
        Map<String, Object> adminConfig = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(adminConfig)) {
            for (Map.Entry<String, KafkaFuture<Void>> created :
                    admin.createTopics(topics).values().entrySet()) {
                awaitCreated(created.getKey(), created.getValue());
            }
        }
    }

    private static void awaitCreated(String topic, KafkaFuture<Void> creation) {
        try {
            creation.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // Creating is idempotent on purpose: every hub start declares the topics it needs.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + topic, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted creating topic " + topic, e);
        }
    }

    private Map<String, Object> settings(int controllerPort) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", String.valueOf(NODE_ID));
        // Static voters live in configuration, not on disk, so a new controller port each start is fine.
        settings.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        settings.put("controller.listener.names", CONTROLLER);
        settings.put(
                "listeners",
                "PLAINTEXT://" + HOST + ":" + brokerPort + "," + CONTROLLER + "://" + HOST + ":" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("log.dirs", logDir.toString());
        settings.put("num.partitions", String.valueOf(defaultPartitions));
        settings.put("auto.create.topics.enable", "false");
        // One node: every replication factor and in-sync minimum must be 1 or writes are refused.
        settings.put("default.replication.factor", "1");
        settings.put("min.insync.replicas", "1");
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        // The default 50 partitions per internal topic only slow the first group join on one node.
        settings.put("offsets.topic.num.partitions", "5");
        settings.put("transaction.state.log.num.partitions", "5");
        settings.put("group.initial.rebalance.delay.ms", "0");
        // The log cleaner allocates this on the heap up front; the default 128 MB is sized for big brokers.
        settings.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return settings;
    }

    private void formatIfNew() {
        // meta.properties holds the cluster id; formatting again would orphan the data beside it.
        if (Files.exists(metaProperties())) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream formatterOutput = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .addDirectory(logDir.toString())
                    // With one log directory and no metadata.log.dir, the metadata log lives there too.
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER)
                    .setPrintStream(formatterOutput)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka storage in " + logDir, e);
        }
        LOG.info(
                "Formatted Kafka storage: {}",
                output.toString(StandardCharsets.UTF_8).strip());
    }

    private Path metaProperties() {
        return logDir.resolve("meta.properties");
    }

    /**
     * A port from {@code picker} that is not {@code taken}. A port picked free and closed again can be
     * handed out again at once: the controller once got the broker's own port, and Kafka refused to
     * start (two listeners on one port; seen in CI).
     */
    static int portOtherThan(int taken, IntSupplier picker) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = picker.getAsInt();
            if (port != taken) {
                return port;
            }
        }
        throw new IllegalStateException("No free port on " + HOST + " other than " + taken);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }
}
