package io.rxflow.hub.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts one {@link KafkaPharmacy} per {@code rxflow.simulator.kafka-topics} entry
 * ({@code ncpdpId:topic}; none: nothing starts) once the application is up, and stops them before it shuts down. The brokers
 * are read at start, not at creation, so a broker the hub starts in this JVM is already known.
 */
public final class KafkaPharmacies implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPharmacies.class);

    private final PharmacySimulator simulator;
    private final SimulatorProperties props;
    private final Supplier<String> brokers;
    private final List<KafkaPharmacy> running = new ArrayList<>();

    /** {@code brokers} gives the bootstrap servers, or null or blank when there is no broker to use. */
    public KafkaPharmacies(PharmacySimulator simulator, SimulatorProperties props, Supplier<String> brokers) {
        this.simulator = simulator;
        this.props = props;
        this.brokers = brokers;
        props.kafkaTopics().forEach(KafkaPharmacies::parse);
    }

    /** One {@code ncpdpId:topic} entry. */
    record Entry(String ncpdpId, String topic) {}

    static Entry parse(String entry) {
        int colon = entry == null ? -1 : entry.indexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
            throw new IllegalArgumentException("rxflow.simulator.kafka-topics entries must read ncpdpId:topic");
        }
        return new Entry(
                entry.substring(0, colon).strip(), entry.substring(colon + 1).strip());
    }

    @Override
    public synchronized void start() {
        if (props.kafkaTopics().isEmpty()) {
            return;
        }
        String servers = brokers.get();
        if (servers == null || servers.isBlank()) {
            LOG.warn("rxflow.simulator.kafka-topics is set but rxflow.kafka.brokers is not: Kafka mode not started");
            return;
        }
        for (String topic : props.kafkaTopics()) {
            Entry e = parse(topic);
            var pharmacy = new KafkaPharmacy(servers, e.ncpdpId(), e.topic(), props.replyTopic(), simulator);
            pharmacy.start();
            running.add(pharmacy);
        }
    }

    @Override
    public synchronized void stop() {
        running.forEach(KafkaPharmacy::close);
        running.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !running.isEmpty();
    }
}
