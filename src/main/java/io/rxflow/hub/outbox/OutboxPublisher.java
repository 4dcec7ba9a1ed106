package io.rxflow.hub.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Body;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a claimed batch of outbox rows to Kafka and waits until the broker has acknowledged every
 * one (idempotent producer, acks from all in-sync replicas). Only then may the relay mark them
 * published; if anything fails the whole batch stays unpublished and is sent again, which consumers
 * de-duplicate by message id.
 */
public class OutboxPublisher implements AutoCloseable {
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final KafkaProducer<String, String> producer;
    private final ObjectMapper json;
    private final Duration ackTimeout;

    public OutboxPublisher(String bootstrapServers, ObjectMapper json, Duration ackTimeout) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        // Kafka needs delivery.timeout >= linger + request.timeout; the batch wait below is the real bound.
        int requestTimeout = (int) Math.min(ackTimeout.toMillis() / 2, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout);
        config.put(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(ackTimeout.toMillis(), requestTimeout + 2));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "rxflow-outbox-relay");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        this.json = json;
        this.ackTimeout = ackTimeout;
    }

    /** Sends the rows of {@code outbox-claim.sql}; returns their ids, comma-separated, once all are acknowledged. */
    public String publish(@Body List<Map<String, Object>> rows) throws InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        StringJoiner ids = new StringJoiner(",");
        for (Map<String, Object> row : rows) {
            acks.add(producer.send(record(row)));
            ids.add(row.get("id").toString());
        }
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new OutboxPublishException("Kafka refused an outbox record", e.getCause());
            } catch (TimeoutException e) {
                throw new OutboxPublishException("Kafka did not acknowledge the outbox batch in " + ackTimeout, e);
            }
        }
        return ids.toString();
    }

    private ProducerRecord<String, String> record(Map<String, Object> row) {
        var record = new ProducerRecord<>(
                (String) row.get("topic"), row.get("aggregate_id").toString(), (String) row.get("payload"));
        try {
            Map<String, String> headers = json.readValue((String) row.get("headers"), HEADERS);
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("Outbox row " + row.get("id") + " has unreadable headers", e);
        }
        return record;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /** The batch was not (entirely) acknowledged; it stays in the outbox. */
    public static class OutboxPublishException extends RuntimeException {
        OutboxPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
