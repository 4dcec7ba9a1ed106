package io.rxflow.hub.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualAsyncCommitFactory;
import org.apache.camel.component.kafka.serde.ToStringKafkaHeaderDeserializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The broker the hub talks to (an external cluster, or a real single-node KRaft broker in this JVM
 * with its data under the data folder), the hub's topics, and the camel-kafka component set for
 * durability: idempotent producer, acks from all in-sync replicas, consumers that commit only what
 * they have dealt with.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {
    private static final Logger log = LoggerFactory.getLogger(KafkaConfig.class);

    /**
     * Longest a consumer's poll blocks, so the longest a stop waits for one route's consumers. The
     * broker holds an empty fetch for fetch.max.wait.ms (500 ms by default) either way, so a shorter
     * poll adds loop turns, not broker requests.
     */
    static final long POLL_TIMEOUT_MS = 500;

    /** Every hub consumer's {@code max.poll.records}. */
    public static final int MAX_POLL_RECORDS = 200;

    /** Every hub consumer's {@code max.poll.interval.ms}: 15 minutes. */
    public static final int MAX_POLL_INTERVAL_MS = 900_000;

    /** Where the hub's Kafka clients connect. */
    record KafkaBrokers(String bootstrapServers) {}

    @Bean(destroyMethod = "close")
    EmbeddedKafkaBroker embeddedKafkaBroker(KafkaProperties props, DataFolder dataFolder) {
        var broker = new EmbeddedKafkaBroker(dataFolder.resolve("kafka"), props.embeddedPort(), props.partitions());
        if (props.embedded()) {
            String address = broker.start();
            log.info("Embedded Kafka broker started on {} with data in {}", address, dataFolder.resolve("kafka"));
        }
        return broker;
    }

    @Bean
    KafkaBrokers kafkaBrokers(KafkaProperties props, EmbeddedKafkaBroker broker) {
        String servers = props.embedded() ? broker.bootstrapServers() : props.brokers();
        createTopics(servers, props, props.topics().all());
        return new KafkaBrokers(servers);
    }

    @Bean("kafka")
    KafkaComponent kafkaComponent(KafkaBrokers brokers, KafkaProperties props) {
        var component = new KafkaComponent();
        var config = component.getConfiguration();
        config.setBrokers(brokers.bootstrapServers());
        config.setRequestRequiredAcks("all");
        config.setEnableIdempotence(true);
        // Never lose an acknowledged prescription to a slow broker: keep retrying within the delivery timeout.
        config.setDeliveryTimeoutMs(120_000);
        // The hub's headers are UTF-8 text (message id, prescription id, NCPDP ID): read them as strings.
        config.setHeaderDeserializer(new ToStringKafkaHeaderDeserializer());
        consumeWithoutLoss(config);
        // With manual commits allowed, this factory makes camel-kafka's consumers record the offset of
        // every record whose exchange ended without an unhandled error and commit it (asynchronously,
        // per partition) once the records of that partition in the poll are done, and on a rebalance.
        // Without a factory they commit nothing at all: autoCommitEnable=false alone leaves camel-kafka
        // with its no-op commit manager, and every restart re-read each topic from its start.
        component.setKafkaManualCommitFactory(new DefaultKafkaManualAsyncCommitFactory());
        // A hub that died without leaving its consumer groups (kill -9, a lost machine) holds its
        // pharmacies' partitions until its session times out: the restarted hub, or another
        // instance, dispatches nothing for them until then (Kafka's default is 45 s).
        config.setSessionTimeoutMs((int) props.consumerSessionTimeout().toMillis());
        config.setHeartbeatIntervalMs((int) props.consumerHeartbeatInterval().toMillis());
        return component;
    }

    /**
     * Consumer options every hub consumer shares (the dispatch routes and the pharmacy replies), set
     * once here rather than on each endpoint: read a new group's topic from its start; commit an
     * offset only once its message is dealt with (delivered, refused or parked), so a message that
     * fails, or is cut short by a shutdown, is read again (Kafka's own auto-commit is off and Camel
     * commits what its exchanges finished, with the factory set in {@code kafkaComponent}: the
     * consumer group's offset, not the whole topic, is where a restarted hub resumes); stop at the first error instead of
     * skipping to the next record; at most 200 records a poll and 15 minutes between polls, so a
     * pharmacy's longest redelivery back-off never costs the consumer its place in the group; a
     * poll blocks at most {@link #POLL_TIMEOUT_MS}, because camel-kafka stops a route's consumers
     * only once their current poll returns and the hub's routes stop one after another (at
     * camel-kafka's 5 s default, a stop outlasted Camel's 20 s graceful-shutdown timeout).
     */
    private static void consumeWithoutLoss(KafkaConfiguration config) {
        config.setAutoOffsetReset("earliest");
        config.setAutoCommitEnable(false);
        config.setAllowManualCommit(true);
        config.setBreakOnFirstError(true);
        config.setMaxPollRecords(MAX_POLL_RECORDS);
        config.setMaxPollIntervalMs(MAX_POLL_INTERVAL_MS);
        config.setPollTimeoutMs(POLL_TIMEOUT_MS);
    }

    /**
     * Creates missing topics; existing ones (an operator's, with their own settings) are left alone,
     * and so is one another instance creates at the same moment.
     */
    static void createTopics(String servers, KafkaProperties props, List<String> topics) {
        Properties admin = new Properties();
        admin.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
        try (Admin client = Admin.create(admin)) {
            var existing = client.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : topics) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(
                            topic, props.partitions(), (short) (props.embedded() ? 1 : props.replicationFactor())));
                }
            }
            if (!missing.isEmpty()) {
                List<String> created = createMissing(client, missing);
                if (!created.isEmpty()) {
                    log.info("Created Kafka topics {}", created);
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create the hub's Kafka topics on " + servers, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating Kafka topics", e);
        }
    }

    /**
     * Creates topics found missing; one that exists by now (another instance starting at the same time
     * created it between the listing and here) counts as there. Returns those this call created.
     */
    static List<String> createMissing(Admin client, List<NewTopic> missing)
            throws ExecutionException, InterruptedException {
        List<String> created = new ArrayList<>();
        for (var result : client.createTopics(missing).values().entrySet()) {
            try {
                result.getValue().get();
                created.add(result.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return created;
    }
}
