package io.rxflow.hub.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A KRaft Kafka cluster of separate processes ({@code kafka.Kafka} from Kafka's own jars on the test
 * classpath), each node broker and controller, on loopback. Replication factor and {@code
 * min.insync.replicas} follow the size: 1/1 for one node, N/2 for more.
 */
public final class KafkaCluster implements AutoCloseable {
    private final Path dir;
    private final int size;
    private final String clusterId = Uuid.randomUuid().toString();
    private final int[] brokerPorts;
    private final int[] controllerPorts;
    private final List<ChildProcess> nodes = new ArrayList<>();

    public KafkaCluster(Path dir, int size) {
        this.dir = dir.toAbsolutePath();
        this.size = size;
        this.brokerPorts = new int[size];
        this.controllerPorts = new int[size];
        for (int i = 0; i < size; i++) {
            brokerPorts[i] = FaultSupport.freePort();
            controllerPorts[i] = FaultSupport.freePort();
        }
    }

    /** Formats every node's storage, starts all nodes and waits until the cluster has them all. */
    public KafkaCluster start() {
        String voters = java.util.stream.IntStream.range(0, size)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts[i])
                .collect(Collectors.joining(","));
        Path logback = FaultSupport.quietLogback(dir);
        for (int i = 0; i < size; i++) {
            Path nodeDir = dir.resolve("node-" + (i + 1));
            Path data = nodeDir.resolve("data");
            Path properties = nodeDir.resolve("server.properties");
            write(properties, settings(i, voters, data));
            format(i, data);
            nodes.add(ChildProcess.java(
                    "kafka-" + (i + 1),
                    dir,
                    List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-Dlogback.configurationFile=" + logback),
                    System.getProperty("java.class.path"),
                    "kafka.Kafka",
                    List.of(properties.toString()),
                    Map.of()));
        }
        nodes.forEach(ChildProcess::start);
        awaitBrokers(size, Duration.ofSeconds(90));
        return this;
    }

    /** The bootstrap list of every node. */
    public String bootstrapServers() {
        return java.util.stream.IntStream.range(0, size)
                .mapToObj(i -> "127.0.0.1:" + brokerPorts[i])
                .collect(Collectors.joining(","));
    }

    public int size() {
        return size;
    }

    /** Node {@code i} (0-based). */
    public ChildProcess node(int i) {
        return nodes.get(i);
    }

    /** Waits until {@code count} brokers are registered and serving. */
    public void awaitBrokers(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            for (ChildProcess node : nodes) {
                if (!node.isAlive() && count == size) {
                    throw new IllegalStateException(node.name() + " exited:\n" + node.tail(40));
                }
            }
            try (Admin admin = admin()) {
                int n = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
                if (n >= count) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            FaultSupport.pause(Duration.ofMillis(500));
        }
        throw new IllegalStateException("Kafka cluster did not reach " + count + " brokers", last);
    }

    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    private Map<String, String> settings(int i, String voters, Path data) {
        int replication = size == 1 ? 1 : size;
        String minIsr = size == 1 ? "1" : "2";
        Map<String, String> s = new LinkedHashMap<>();
        s.put("process.roles", "broker,controller");
        s.put("node.id", String.valueOf(i + 1));
        s.put("controller.quorum.voters", voters);
        s.put("controller.listener.names", "CONTROLLER");
        s.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPorts[i] + ",CONTROLLER://127.0.0.1:" + controllerPorts[i]);
        s.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPorts[i]);
        s.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        s.put("inter.broker.listener.name", "PLAINTEXT");
        s.put("log.dirs", data.toString());
        s.put("num.partitions", "3");
        s.put("auto.create.topics.enable", "false");
        s.put("default.replication.factor", String.valueOf(replication));
        s.put("min.insync.replicas", minIsr);
        s.put("offsets.topic.replication.factor", String.valueOf(replication));
        s.put("offsets.topic.num.partitions", "5");
        s.put("transaction.state.log.replication.factor", String.valueOf(replication));
        s.put("transaction.state.log.min.isr", minIsr);
        s.put("transaction.state.log.num.partitions", "5");
        s.put("group.initial.rebalance.delay.ms", "0");
        s.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        // Unclean leader election would lose acknowledged records: keep Kafka's safe default explicit.
        s.put("unclean.leader.election.enable", "false");
        return s;
    }

    private void format(int i, Path data) {
        try (var out = new PrintStream(new java.io.ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            Files.createDirectories(data);
            new Formatter()
                    .setClusterId(clusterId)
                    .setNodeId(i + 1)
                    .addDirectory(data.toString())
                    .setMetadataLogDirectory(data.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setPrintStream(out)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka node " + (i + 1), e);
        }
    }

    private static void write(Path file, Map<String, String> settings) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    settings.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("\n", "", "\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        nodes.forEach(ChildProcess::kill);
    }
}
