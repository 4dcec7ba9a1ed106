package io.rxflow.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A test playing a party on the hub's real broker: a topic made, a record produced, a topic read. */
public final class KafkaTopics {
    private final String bootstrapServers;

    public KafkaTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Creates {@code topic} (one partition) unless it exists: a pharmacy's own topic is not the hub's to make. */
    public void ensure(String topic) throws ExecutionException, InterruptedException {
        try (var admin = AdminClient.create(config())) {
            if (!admin.listTopics().names().get().contains(topic)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
                            .all()
                            .get();
                } catch (ExecutionException e) {
                    // Made by the hub meanwhile, or made already and not yet in the broker's metadata.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    /** Produces one record and waits for the broker's acknowledgement. */
    public void produce(String topic, String key, String value) throws ExecutionException, InterruptedException {
        try (var producer = new KafkaProducer<>(config(), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** What one poll (2 s) of a new consumer in {@code group} reads from the start of {@code topic}. */
    public List<ConsumerRecord<String, String>> read(String topic, String group) {
        Properties config = config();
        config.put("group.id", group);
        config.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            consumer.poll(Duration.ofSeconds(2)).forEach(records::add);
        }
        return records;
    }

    /**
     * Records of {@code topic} that consumer group {@code group} has not committed as read: the sum
     * over partitions of the end offset less the group's committed offset (the whole partition when
     * the group has committed nothing on it).
     */
    public long uncommitted(String group, String topic) throws ExecutionException, InterruptedException {
        try (var admin = AdminClient.create(config())) {
            var partitions = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            var committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            long unread = 0;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                unread += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return unread;
        }
    }

    private Properties config() {
        var config = new Properties();
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }
}
