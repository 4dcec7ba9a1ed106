package io.rxflow.hub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** A poll batch as lanes per prescription, and its commit: one offset per partition, the last read. */
class DispatchBatchesTest {
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final List<String> committed = new ArrayList<>();

    @Test
    void eachPrescriptionIsOneLaneInTopicOrderAndLanesKeepTheOrderOfTheirFirstMessage() {
        var batch = List.of(
                record("rx-A", 0, 10, "NewRx A"),
                record("rx-B", 1, 20, "NewRx B"),
                record("rx-A", 0, 11, "CancelRx A"),
                record(null, 2, 30, "no key 1"),
                record("rx-C", 2, 31, "NewRx C"),
                record(null, 2, 32, "no key 2"),
                record("rx-A", 0, 12, "RxRenewalResponse A"));

        var lanes = new DispatchBatches().byPrescription(batch);

        assertThat(lanes)
                .extracting(lane -> lane.stream().map(Message::getBody).toList())
                .containsExactly(
                        List.of("NewRx A", "CancelRx A", "RxRenewalResponse A"),
                        List.of("NewRx B"),
                        List.of("no key 1"),
                        List.of("NewRx C"),
                        List.of("no key 2"));
        lanes.get(0).get(0).setHeader(KafkaConstants.MANUAL_COMMIT, null);
        assertThat(batch.get(0).getMessage().getHeader(KafkaConstants.MANUAL_COMMIT))
                .as("what the delivery does to a lane's message leaves the record to commit")
                .isNotNull();
    }

    @Test
    void commitsThePartitionsLastRecordOnly() {
        var batch = List.of(
                record("rx-A", 0, 10, "a"),
                record("rx-B", 1, 20, "b"),
                record("rx-A", 0, 11, "a2"),
                record("rx-C", 1, 21, "c"),
                record("rx-D", 2, 5, "d"));

        new DispatchBatches().commit(batch);

        assertThat(committed).containsExactlyInAnyOrder("0@11", "1@21", "2@5");
    }

    @Test
    void aRecordWithoutAManualCommitFailsTheBatchInsteadOfSkippingIt() {
        Exchange record = new DefaultExchange(camel);
        record.getMessage()
                .setHeaders(Map.of(KafkaConstants.TOPIC, "ncpdp.outbound.1234563", KafkaConstants.PARTITION, 0));

        assertThatThrownBy(() -> new DispatchBatches().commit(List.of(record)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("manual commit");
        assertThat(committed).isEmpty();
    }

    private Exchange record(String key, int partition, long offset, String body) {
        Exchange record = new DefaultExchange(camel);
        Message message = record.getMessage();
        message.setBody(body);
        if (key != null) {
            message.setHeader(KafkaConstants.KEY, key);
        }
        message.setHeader(KafkaConstants.TOPIC, "ncpdp.outbound.1234563");
        message.setHeader(KafkaConstants.PARTITION, partition);
        message.setHeader(KafkaConstants.OFFSET, offset);
        KafkaManualCommit commit = () -> committed.add(partition + "@" + offset);
        message.setHeader(KafkaConstants.MANUAL_COMMIT, commit);
        return record;
    }
}
