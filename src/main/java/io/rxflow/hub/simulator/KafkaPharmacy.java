package io.rxflow.hub.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated pharmacy reached over Kafka: consumes SCRIPT NewRx records from its topic on a dedicated
 * thread, answers each on the reply topic (same key; headers {@value #MESSAGE_ID_HEADER} = the answer's
 * MessageID, {@value #RELATES_TO_HEADER} = the NewRx's) and commits only after the answers are
 * acknowledged, so a crash re-reads rather than loses. While the pharmacy is down it pauses: records
 * wait on the topic.
 */
public final class KafkaPharmacy implements AutoCloseable {
    public static final String MESSAGE_ID_HEADER = "rxflow-message-id";
    public static final String RELATES_TO_HEADER = "rxflow-relates-to";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPharmacy.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final PharmacySimulator simulator;
    private final String ncpdpId;
    private final String topic;
    private final String replyTopic;
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean started;

    /** Connects to {@code bootstrapServers} as consumer group {@code rxflow-simulator-<ncpdpId>}; call {@link #start()}. */
    public KafkaPharmacy(
            String bootstrapServers, String ncpdpId, String topic, String replyTopic, PharmacySimulator simulator) {
        this.simulator = simulator;
        this.ncpdpId = simulator.pharmacy(ncpdpId).ncpdpId();
        this.topic = topic;
        this.replyTopic = replyTopic;
        this.consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers, "rxflow-simulator-" + ncpdpId));
        this.producer = new KafkaProducer<>(producerConfig(bootstrapServers));
        this.thread = new Thread(this::run, "rxflow-simulator-" + ncpdpId);
        this.thread.setDaemon(true);
    }

    public void start() {
        started = true;
        thread.start();
        LOG.info("Simulated pharmacy {} consumes {} and answers on {}", ncpdpId, topic, replyTopic);
    }

    /** Stops polling, waits for the thread to finish its batch, and closes the clients. */
    @Override
    public void close() {
        running = false;
        if (!started) {
            consumer.close();
            producer.close();
            return;
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try (consumer;
                producer) {
            consumer.subscribe(List.of(topic));
            while (running) {
                followMode();
                ConsumerRecords<String, String> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                if (simulator.pharmacy(ncpdpId).mode() == PharmacyMode.DOWN) {
                    // Fetched before the pause took hold (the first poll joins the group and fetches at
                    // once): put them back, a down pharmacy answers nothing.
                    rewind(records);
                } else {
                    answerAndCommit(records);
                }
            }
        } catch (WakeupException e) {
            // close() woke the poll or the commit: the normal way out; uncommitted records are read again.
        }
    }

    /** Answers the batch and commits; on failure rewinds so the same records are answered again. */
    private void answerAndCommit(ConsumerRecords<String, String> records) {
        try {
            answerAll(records);
            consumer.commitSync();
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn(
                    "Simulated pharmacy {} will answer {} records again: {}",
                    ncpdpId,
                    records.count(),
                    e.getClass().getSimpleName());
            rewind(records);
            backOff();
        }
    }

    private void rewind(ConsumerRecords<String, String> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    private void backOff() {
        try {
            // A broker that refuses answers usually needs a moment; without a pause this would spin.
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** A down pharmacy stops fetching; records stay on the topic until it is up again. */
    private void followMode() {
        if (simulator.pharmacy(ncpdpId).mode() == PharmacyMode.DOWN) {
            consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void answerAll(ConsumerRecords<String, String> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            Answer answer = simulator.answer(ncpdpId, record.value());
            var reply = new ProducerRecord<>(replyTopic, record.key(), answer.xml());
            reply.headers().add(MESSAGE_ID_HEADER, answer.messageId().getBytes(StandardCharsets.UTF_8));
            if (answer.relatesToMessageId() != null) {
                reply.headers()
                        .add(RELATES_TO_HEADER, answer.relatesToMessageId().getBytes(StandardCharsets.UTF_8));
            }
            sent.add(producer.send(reply));
        }
        for (Future<RecordMetadata> f : sent) {
            await(f);
        }
    }

    private static void await(Future<RecordMetadata> sent) {
        try {
            sent.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("answer not acknowledged by the broker", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while answering", e);
        }
    }

    private static Map<String, Object> consumerConfig(String bootstrapServers, String group) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                100,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
    }

    private static Map<String, Object> producerConfig(String bootstrapServers) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class);
    }
}
