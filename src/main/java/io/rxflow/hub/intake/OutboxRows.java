package io.rxflow.hub.intake;

import io.rxflow.hub.dispatch.DispatchOutcomes;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The outbox row that announces a NewRx on {@code ncpdp.outbound}: key, headers and payload. */
@Component
public class OutboxRows {
    private final String topic;

    public OutboxRows(@Value("${rxflow.kafka.topics.ncpdp-outbound:ncpdp.outbound}") String topic) {
        this.topic = topic;
    }

    /** Parameters of {@code outbox-append.sql}; the Kafka key is the prescription id. */
    Map<String, Object> newRx(
            String prescriptionId, String ncpdpId, NewRxPreparation.PreparedNewRx newRx, OffsetDateTime at) {
        String headers = "{\"" + DispatchOutcomes.MESSAGE_ID_HEADER + "\":\"" + newRx.messageId() + "\",\""
                + DispatchOutcomes.PRESCRIPTION_HEADER + "\":\"" + prescriptionId + "\",\""
                + DispatchOutcomes.PHARMACY_HEADER + "\":\"" + ncpdpId + "\",\"rxflow-message-type\":\"NewRx\","
                + "\"rxflow-script-version\":\"" + NewRxPreparation.PreparedNewRx.SCRIPT_VERSION + "\"}";
        Map<String, Object> params = new HashMap<>();
        params.put("aggregateId", prescriptionId);
        params.put("messageType", "NewRx");
        params.put("topic", topic);
        params.put("messageId", newRx.messageId());
        params.put("headers", headers);
        params.put("payload", newRx.xml());
        params.put("createdAt", at);
        return params;
    }
}
