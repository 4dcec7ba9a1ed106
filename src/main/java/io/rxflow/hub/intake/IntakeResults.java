package io.rxflow.hub.intake;

import io.rxflow.hub.support.ReadTypes;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/** Builds the intake result from what the store transaction did: created, or found by its key. */
@Component("intakeResults")
public class IntakeResults {

    public IntakeResult created(@ExchangeProperty("rxCommand") IntakeCommand command) {
        return new IntakeResult(
                command.id(),
                command.status(),
                command.idempotencyKey(),
                command.controlled(),
                command.receivedAt(),
                command.events().size(),
                true,
                command.medicationRequestJson());
    }

    /** The row of {@code intake-find-by-keys.sql} for a prescription submitted before. */
    public IntakeResult existing(@Body Map<String, Object> row, @ExchangeProperty("rxCommand") IntakeCommand command) {
        return new IntakeResult(
                row.get("id").toString(),
                (String) row.get("status"),
                command.idempotencyKey(),
                (Boolean) row.get("is_controlled"),
                ReadTypes.offsetDateTime(row.get("created_at")),
                ((Number) row.get("version")).intValue(),
                false,
                (String) row.get("medication_request"));
    }
}
