package io.rxflow.hub.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The OperationOutcome the FHIR operations ($cancel, $respond) answer once the message is in the outbox. */
final class Outcomes {
    private Outcomes() {}

    static String informational(ObjectMapper json, String diagnostics) throws JsonProcessingException {
        var outcome = json.createObjectNode().put("resourceType", "OperationOutcome");
        outcome.putArray("issue")
                .addObject()
                .put("severity", "information")
                .put("code", "informational")
                .put("diagnostics", diagnostics);
        return json.writeValueAsString(outcome);
    }
}
