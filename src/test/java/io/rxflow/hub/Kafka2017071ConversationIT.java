package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rxflow.hub.config.EmbeddedKafkaBroker;
import io.rxflow.hub.script.ScriptSchemas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A SCRIPT 2017071 pharmacy reached over Kafka (the test plays it on the real in-JVM broker): what the
 * hub produces to its topic (the NewRx, the CancelRx, the answers to its follow-ups) is 2017071 and valid
 * against the hub's 2017071 schema, and its own 2017071 follow-ups on {@code ncpdp.inbound} are applied.
 */
@TestPropertySource(properties = "rxflow.pharmacies.file=classpath:conversation/pharmacies-kafka-2017071.yaml")
class Kafka2017071ConversationIT extends ConversationSupport {
    private static final String KAFKA_PHARMACY = "3456786";
    private static final String ITS_TOPIC = "rx.pharmacy.3456786";
    private static final ScriptSchemas SCHEMAS = ScriptSchemas.load(null);

    @Autowired
    EmbeddedKafkaBroker broker;

    /** The pharmacy's own topic is the pharmacy's (or its network's) to create, not the hub's. */
    @BeforeEach
    void thePharmacysTopicExists() throws Exception {
        kafka().ensure(ITS_TOPIC);
    }

    @Test
    void aCancelReachesTheKafkaPharmacyIn2017071AndIts2017071AnswerSettlesIt() throws Exception {
        Rx rx = submitted("K17-CANCEL-1", KAFKA_PHARMACY, "dispatched");
        String newRx = onItsTopic("<MessageID>" + rx.newRxMessageId() + "</MessageID>", "newrx-" + rx.id());
        assertThat(newRx).contains("<NewRx>", "TransactionVersion=\"20170715\"");
        var pharmacy = new PharmacySystem(newRx, KAFKA_PHARMACY);

        var cancel =
                hub().post("/api/v1/prescriptions/" + rx.id() + "/cancel", "application/json", "{\"reason\":\"PTR\"}");
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        String cancelId =
                JSON.readTree(cancel.body()).get("cancel_rx_message_id").asText();
        String cancelRx = onItsTopic("<MessageID>" + cancelId + "</MessageID>", "cancel-" + cancelId);

        assertThat(cancelRx)
                .contains("<CancelRx>", "TransactionVersion=\"20170715\"")
                .contains("<ChangeOfPrescriptionStatusFlag>C</ChangeOfPrescriptionStatusFlag>")
                .doesNotContain("ReasonForCancellation", "<Names>");
        assertThat(SCHEMAS.fault2017071(cancelRx)).as(cancelRx).isEmpty();

        String answerId = PharmacySystem.newMessageId();
        produce(rx.id(), pharmacy.cancelRxResponse(answerId, cancelId, "RV-17-1", true));

        awaitStatus(rx.id(), "cancelled");
        String answer = onItsTopic("<RelatesToMessageID>" + answerId + "</RelatesToMessageID>", "answer-" + answerId);
        assertThat(answer).contains("<Status>", "TransactionVersion=\"20170715\"");
        assertThat(SCHEMAS.fault2017071(answer)).isEmpty();
    }

    @Test
    void a2017071FillOnTheInboundTopicIsAppliedAndA2023011OneIsRefused() throws Exception {
        Rx rx = submitted("K17-FILL-1", KAFKA_PHARMACY, "dispatched");
        String newRx = onItsTopic("<MessageID>" + rx.newRxMessageId() + "</MessageID>", "newrx-" + rx.id());
        var pharmacy = new PharmacySystem(newRx, KAFKA_PHARMACY);

        String wrongId = PharmacySystem.newMessageId();
        produce(rx.id(), rx.pharmacy().rxFill(wrongId, rx.newRxMessageId(), "RV-17-2", "Dispensed"));
        String refused = onItsTopic("<RelatesToMessageID>" + wrongId + "</RelatesToMessageID>", "refused-" + wrongId);
        assertThat(refused).contains("<Error>", "<Description>/Message/@TransactionVersion</Description>");

        String fillId = PharmacySystem.newMessageId();
        produce(rx.id(), pharmacy.rxFill(fillId, rx.newRxMessageId(), "RV-17-2", "Dispensed"));

        awaitStatus(rx.id(), "dispensed");
        assertThat(lastEvent(rx.id()).at("/payload/message_id").asText()).isEqualTo(fillId);
        String answer = onItsTopic("<RelatesToMessageID>" + fillId + "</RelatesToMessageID>", "answer-" + fillId);
        assertThat(answer).contains("<Status>", "<Code>000</Code>", "TransactionVersion=\"20170715\"");
    }

    /** The first record on the pharmacy's topic containing {@code marker}, waited for. */
    private String onItsTopic(String marker, String group) {
        List<String> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            read(group).forEach(seen::add);
            return seen.stream().anyMatch(v -> v.contains(marker));
        });
        Optional<String> found = seen.stream().filter(v -> v.contains(marker)).findFirst();
        return found.orElseThrow();
    }

    private KafkaTopics kafka() {
        return new KafkaTopics(broker.bootstrapServers());
    }

    private void produce(String key, String xml) throws Exception {
        kafka().produce("ncpdp.inbound", key, xml);
    }

    private List<String> read(String group) {
        return kafka().read(ITS_TOPIC, group).stream().map(r -> r.value()).toList();
    }
}
