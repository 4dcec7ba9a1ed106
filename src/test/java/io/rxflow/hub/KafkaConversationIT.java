package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rxflow.hub.config.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A pharmacy reached over Kafka (the test plays it on the real in-JVM broker): its NewRx arrives on
 * its own topic, its follow-ups go to {@code ncpdp.inbound}, the hub's answers come back on its topic,
 * and what names no prescription is parked on {@code dead.letter}.
 */
@TestPropertySource(properties = "rxflow.pharmacies.file=classpath:conversation/pharmacies-kafka.yaml")
class KafkaConversationIT extends ConversationSupport {
    private static final String KAFKA_PHARMACY = "3456786";
    private static final String ITS_TOPIC = "rx.pharmacy.3456786";

    @Autowired
    EmbeddedKafkaBroker broker;

    /** The pharmacy's own topic is the pharmacy's (or its network's) to create, not the hub's. */
    @BeforeEach
    void thePharmacysTopicExists() throws Exception {
        kafka().ensure(ITS_TOPIC);
    }

    @Test
    void aFillOnTheInboundTopicIsAppliedOnceAndAnsweredOnThePharmacysTopic() throws Exception {
        Rx rx = submitted("KAFKA-1", KAFKA_PHARMACY, "dispatched");
        String fillId = PharmacySystem.newMessageId();
        String fill = rx.pharmacy().rxFill(fillId, rx.newRxMessageId(), "RX-K1", "Dispensed");
        produce(rx.id(), fill);
        produce(rx.id(), fill);

        await().atMost(Duration.ofSeconds(60)).until(() -> "dispensed".equals(status(rx.id())));
        List<String> answers = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            read(ITS_TOPIC, "answers-" + fillId).forEach(r -> answers.add(r.value()));
            return answers.stream()
                            .filter(a -> a.contains("<RelatesToMessageID>" + fillId + "</RelatesToMessageID>"))
                            .count()
                    == 2;
        });
        assertThat(answers.stream().filter(a -> a.contains("<RelatesToMessageID>" + fillId)))
                .allSatisfy(a -> assertThat(a).contains("<Status>").contains("<Code>000</Code>"));
        assertThat(eventTypes(rx.id()).stream().filter("RxFillReceived"::equals))
                .hasSize(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM pharmacy_message WHERE message_id = ?", Integer.class, fillId))
                .isEqualTo(1);
    }

    @Test
    void aFollowUpThatNamesNoPrescriptionIsAnsweredAndParkedOnTheDeadLetterTopic() throws Exception {
        Rx rx = submitted("KAFKA-2", KAFKA_PHARMACY, "dispatched");
        String orphanId = PharmacySystem.newMessageId();
        String orphan = rx.pharmacy()
                .rxFill(orphanId, "FFFFFFFF0123456789ABCDEF01234567", null, "Dispensed")
                .replace("<PrescriberOrderNumber>KAFKA-2</PrescriberOrderNumber>", "");
        produce("no-such-prescription", orphan);
        List<ConsumerRecord<String, String>> parked = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            read("dead.letter", "parked-" + orphanId).forEach(parked::add);
            return parked.stream().anyMatch(r -> r.value().contains(orphanId));
        });
        var record = parked.stream()
                .filter(r -> r.value().contains(orphanId))
                .findFirst()
                .orElseThrow();
        assertThat(new String(
                        record.headers().lastHeader("rxflow-dead-letter-reason").value(), StandardCharsets.UTF_8))
                .startsWith("uncorrelated");
        assertThat(record.headers().lastHeader("Authorization")).isNull();
        assertThat(status(rx.id())).isEqualTo("dispatched");
    }

    @Test
    void aStatusAnsweringTheCancelRxLandsOnTheStreamAndIsNotParked() throws Exception {
        Rx rx = submitted("KAFKA-3", KAFKA_PHARMACY, "dispatched");
        var cancel =
                hub().post("/api/v1/prescriptions/" + rx.id() + "/cancel", "application/json", "{\"reason\":\"PTR\"}");
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        String cancelRxId =
                JSON.readTree(cancel.body()).get("cancel_rx_message_id").asText();
        List<String> onItsTopic = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            read(ITS_TOPIC, "cancel-" + cancelRxId).forEach(r -> onItsTopic.add(r.value()));
            return onItsTopic.stream().anyMatch(v -> v.contains("<MessageID>" + cancelRxId + "</MessageID>"));
        });

        String statusId = PharmacySystem.newMessageId();
        produce(rx.id(), rx.pharmacy().message(statusId, cancelRxId, null, null, "<Status><Code>000</Code></Status>"));

        await().atMost(Duration.ofSeconds(60)).until(() -> eventTypes(rx.id()).contains("PharmacyReplied"));
        var replied = eventOfType(rx.id(), "PharmacyReplied");
        assertThat(replied.at("/payload/message_type").asText()).isEqualTo("CancelRx");
        assertThat(replied.at("/payload/relates_to_message_id").asText()).isEqualTo(cancelRxId);
        assertThat(status(rx.id()))
                .as("the CancelRxResponse settles the cancel")
                .isEqualTo("cancel_requested");
        assertThat(read("dead.letter", "parked-" + statusId))
                .noneMatch(r -> r.value().contains(statusId));
    }

    private KafkaTopics kafka() {
        return new KafkaTopics(broker.bootstrapServers());
    }

    private void produce(String key, String xml) throws Exception {
        kafka().produce("ncpdp.inbound", key, xml);
    }

    private List<ConsumerRecord<String, String>> read(String topic, String group) {
        return kafka().read(topic, group);
    }
}
