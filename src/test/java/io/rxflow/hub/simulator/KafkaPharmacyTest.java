package io.rxflow.hub.simulator;

import static io.rxflow.hub.simulator.SimulatorFixtures.PHARMACY;
import static io.rxflow.hub.simulator.SimulatorFixtures.REPLIES;
import static io.rxflow.hub.simulator.SimulatorFixtures.newRx;
import static io.rxflow.hub.simulator.SimulatorFixtures.simulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rxflow.hub.config.EmbeddedKafkaBroker;
import io.rxflow.hub.responses.PharmacyReply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka mode against a real broker in this JVM. */
class KafkaPharmacyTest {
    private static final String TOPIC = "pharmacy.1234567";
    private static final String REPLIES_TOPIC = "ncpdp.inbound";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaBroker(dataDir, 0);
        broker.start();
        broker.createTopics(List.of(TOPIC, REPLIES_TOPIC), 1);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void answersEachNewRxOnTheReplyTopicWithTheKeyAndCorrelationHeaders() throws Exception {
        PharmacySimulator simulator = simulator();
        try (var pharmacy = new KafkaPharmacy(broker.bootstrapServers(), PHARMACY, TOPIC, REPLIES_TOPIC, simulator);
                var producer = producer();
                var consumer = consumer()) {
            pharmacy.start();
            List<String> ids = List.of(id(1), id(2), id(3));
            for (String id : ids) {
                producer.send(new ProducerRecord<>(TOPIC, "rx-" + id, newRx(id)))
                        .get();
            }
            producer.send(new ProducerRecord<>(TOPIC, "rx-" + id(1), newRx(id(1))))
                    .get();

            List<ConsumerRecord<String, String>> answers = poll(consumer, 4);

            for (ConsumerRecord<String, String> answer : answers) {
                PharmacyReply reply = REPLIES.parse(answer.value());
                assertThat(reply.accepted()).isTrue();
                assertThat(answer.key()).isEqualTo("rx-" + reply.relatesToMessageId());
                assertThat(header(answer, KafkaPharmacy.MESSAGE_ID_HEADER)).isEqualTo(reply.messageId());
                assertThat(header(answer, KafkaPharmacy.RELATES_TO_HEADER)).isEqualTo(reply.relatesToMessageId());
            }
            SimulatedPharmacy.Received received = simulator.pharmacy(PHARMACY).received();
            assertThat(received.messageIds()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(received.duplicates()).isEqualTo(1);
        }
    }

    @Test
    void holdsRecordsWhileDownAndAnswersThemWhenUp() throws Exception {
        PharmacySimulator simulator = simulator();
        String topic = "pharmacy.2345671";
        // Its own reply topic, so the other test reads only its own answers.
        String replies = "ncpdp.inbound.down-test";
        broker.createTopics(List.of(topic, replies), 1);
        simulator.pharmacy("2345671").mode(PharmacyMode.DOWN);
        String xml = newRx(id(9)).replace("<To Qualifier=\"P\">1234567</To>", "<To Qualifier=\"P\">2345671</To>");
        try (var pharmacy = new KafkaPharmacy(broker.bootstrapServers(), "2345671", topic, replies, simulator);
                var producer = producer()) {
            pharmacy.start();
            producer.send(new ProducerRecord<>(topic, "rx-9", xml)).get();

            await().during(Duration.ofSeconds(2))
                    .atMost(WAIT)
                    .until(() -> simulator.pharmacy("2345671").received().count() == 0);
            simulator.pharmacy("2345671").mode(PharmacyMode.UP);

            await().atMost(WAIT)
                    .until(() -> simulator.pharmacy("2345671").received().count() == 1);
        }
    }

    private static String id(int n) {
        return String.format("kafka%027d", n);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        await().atMost(WAIT).pollInSameThread().until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return records.size() >= expected;
        });
        return records;
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static KafkaConsumer<String, String> consumer() {
        var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-replies",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        consumer.subscribe(List.of(REPLIES_TOPIC));
        return consumer;
    }
}
