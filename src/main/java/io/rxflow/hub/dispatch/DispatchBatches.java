package io.rxflow.hub.dispatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Variable;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * A poll batch of one pharmacy's outbound topic ({@code rx-dispatch-batches}, camel-kafka's batching
 * mode) made ready for several deliveries at once, and committed once they are all done.
 *
 * <p>Every message of a prescription carries its id as the record key (so they share a partition and
 * are read in the order they were written): a lane holds one key's messages in that order, and the
 * route delivers the lanes at once and each lane's messages one after another. A NewRx and the
 * CancelRx that follows it in the same batch therefore still go out in that order.
 */
public class DispatchBatches {

    /** The batch's messages as lanes, one per record key, each in topic order; lanes in order of first message. */
    public List<List<Message>> byPrescription(@Body List<Exchange> records) {
        Map<Object, List<Message>> byKey = new HashMap<>();
        List<List<Message>> lanes = new ArrayList<>();
        for (Exchange record : records) {
            Message message = record.getMessage();
            Object key = message.getHeader(KafkaConstants.KEY);
            List<Message> lane = key == null ? null : byKey.get(key);
            if (lane == null) {
                lane = new ArrayList<>();
                lanes.add(lane);
                if (key != null) {
                    byKey.put(key, lane);
                }
            }
            // A copy: the delivery works on the lane's message; the record keeps what commit() reads.
            lane.add(message.copy());
        }
        return lanes;
    }

    /**
     * Commits, for each partition in the batch, the offset after its last record (synchronously, on the
     * consumer's thread: the route's split is synchronous). Called only when every lane ended without an
     * unhandled failure; otherwise nothing is committed and the consumer reads the batch again.
     */
    public void commit(@Variable("rxBatch") List<Exchange> records) {
        Map<String, KafkaManualCommit> lastPerPartition = new LinkedHashMap<>();
        for (Exchange record : records) {
            Message message = record.getMessage();
            KafkaManualCommit commit = message.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
            if (commit == null) {
                throw new IllegalStateException(
                        "A dispatch batch record has no manual commit: the kafka component must allow manual commits");
            }
            lastPerPartition.put(
                    message.getHeader(KafkaConstants.TOPIC) + "-" + message.getHeader(KafkaConstants.PARTITION),
                    commit);
        }
        lastPerPartition.values().forEach(KafkaManualCommit::commit);
    }
}
