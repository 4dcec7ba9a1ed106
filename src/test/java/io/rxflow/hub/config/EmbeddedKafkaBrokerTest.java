package io.rxflow.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    private static final String TOPIC = "prescription.events";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private EmbeddedKafkaBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void keepsRecordsAndCommittedOffsetsAcrossARestartOnTheSameAddress() throws Exception {
        broker = new EmbeddedKafkaBroker(dataDir, 0);
        String address = broker.start();
        String clusterId = broker.clusterId();
        broker.createTopics(List.of(TOPIC));
        send(prescriptions(1, 10));
        assertThat(consumeAndCommit("dispatch", 10)).isEqualTo(prescriptions(1, 10));

        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        assertThat(broker.start()).isEqualTo(address);

        assertThat(broker.clusterId()).isEqualTo(clusterId);
        send(prescriptions(11, 15));
        assertThat(consumeAndCommit("dispatch", 5)).isEqualTo(prescriptions(11, 15));
        assertThat(consumeAndCommit("audit", 15)).isEqualTo(prescriptions(1, 15));
    }

    @Test
    void clientsOpenedBeforeARestartCarryOnAfterIt() throws Exception {
        int port = freePort();
        broker = new EmbeddedKafkaBroker(dataDir, port);
        assertThat(broker.start()).isEqualTo("127.0.0.1:" + port);
        broker.createTopics(List.of(TOPIC), 1);
        try (KafkaProducer<String, String> producer = producer();
                KafkaConsumer<String, String> consumer = consumer("dispatch")) {
            consumer.subscribe(List.of(TOPIC));
            producer.send(new ProducerRecord<>(TOPIC, "rx-1", "rx-1")).get();
            assertThat(poll(consumer, 1)).containsExactly("rx-1");
            consumer.commitSync();

            broker.stop();
            broker.start();

            producer.send(new ProducerRecord<>(TOPIC, "rx-2", "rx-2")).get();
            assertThat(poll(consumer, 1)).containsExactly("rx-2");
        }
    }

    @Test
    void theControllerNeverGetsTheBrokersPort() {
        // A port picked free and closed can be picked again at once: Kafka refuses two listeners on one port.
        var picks = new java.util.ArrayDeque<>(List.of(40001, 40001, 40002));
        assertThat(EmbeddedKafkaBroker.portOtherThan(40001, () -> picks.pop())).isEqualTo(40002);
        assertThat(picks).isEmpty();
        assertThatThrownBy(() -> EmbeddedKafkaBroker.portOtherThan(40001, () -> 40001))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("other than 40001");
    }

    @Test
    void createsTopicsOnceWithTheRequestedPartitions() {
        broker = new EmbeddedKafkaBroker(dataDir, 0);
        String address = broker.start();
        assertThat(address).matches("127\\.0\\.0\\.1:[1-9][0-9]*");
        assertThat(broker.start()).as("starting a running broker").isEqualTo(address);

        broker.createTopics(List.of("routing.requests"));
        broker.createTopics(List.of("dead.letter"), 1);
        broker.createTopics(List.of("routing.requests", "dead.letter"), 6);

        // A created topic reaches the broker's metadata a moment after the controller has it: a describe
        // straight after the create can miss it (as KafkaTopicCreationTest's listing once did in CI).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(partitions("routing.requests")).isEqualTo(EmbeddedKafkaBroker.DEFAULT_PARTITIONS);
            assertThat(partitions("dead.letter")).isEqualTo(1);
        });
    }

    @Test
    void failsToStartOnATakenPortAndLeavesTheDataUsable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedKafkaBroker blocked = new EmbeddedKafkaBroker(dataDir, taken.getLocalPort());
            assertThatThrownBy(blocked::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
            assertThat(blocked.isRunning()).isFalse();
        }
        broker = new EmbeddedKafkaBroker(dataDir, 0);
        broker.start();
        broker.createTopics(List.of(TOPIC), 1);
        send(List.of("rx-001"));
        assertThat(consumeAndCommit("dispatch", 1)).containsExactly("rx-001");
    }

    private void send(List<String> prescriptionIds) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            for (String id : prescriptionIds) {
                producer.send(new ProducerRecord<>(TOPIC, id, id)).get();
            }
        }
    }

    private List<String> consumeAndCommit(String group, int expected) {
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            consumer.subscribe(List.of(TOPIC));
            List<String> values = poll(consumer, expected);
            consumer.commitSync();
            return values;
        }
    }

    /** Polls until {@code expected} records arrived, then a little longer to catch any extra ones. */
    private static List<String> poll(KafkaConsumer<String, String> consumer, int expected) {
        List<String> values = new ArrayList<>();
        await().atMost(WAIT).pollInSameThread().until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(record.value());
            }
            return values.size() >= expected;
        });
        consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
        // Order holds per partition only, so callers with several partitions compare as sets.
        values.sort(null);
        return values;
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
    }

    private KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
    }

    private int partitions(String topic) {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            TopicDescription description =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            return description.partitions().size();
        } catch (Exception e) {
            throw new AssertionError("Cannot describe " + topic, e);
        }
    }

    private static List<String> prescriptions(int first, int last) {
        return IntStream.rangeClosed(first, last)
                .mapToObj(i -> String.format("rx-%03d", i))
                .sorted()
                .toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
