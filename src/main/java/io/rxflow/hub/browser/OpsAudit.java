package io.rxflow.hub.browser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ops audit trail ({@code ops_audit}): who did what through the ops API and who read which
 * prescription's content there. Rows name the target by id and say which filters were used, never
 * their values or any content.
 */
@Component("opsAudit")
public class OpsAudit {
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public OpsAudit(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** A pause or resume, once done: who, which pharmacy, the reason given (free text of the operator's). */
    public void pharmacyAction(
            @ExchangeProperty("rxOpsActor") String actor,
            @ExchangeProperty("rxOpsAction") String action,
            @ExchangeProperty("rxOpsTarget") String pharmacy,
            @ExchangeProperty("rxOpsReason") String reason) {
        record(actor, action, pharmacy, reason == null || reason.isBlank() ? Map.of() : Map.of("reason", reason));
    }

    /** A logger's level changed: who, which logger, the new level. */
    public void logLevelChange(
            @ExchangeProperty("rxOpsActor") String actor,
            @ExchangeProperty("rxOpsTarget") String target,
            @ExchangeProperty("rxOpsDetail") Map<String, Object> detail) {
        record(actor, "log-level", target, detail == null ? Map.of() : detail);
    }

    public void record(String actor, String action, String target, Map<String, Object> detail) {
        try {
            jdbc.update(
                    "INSERT INTO ops_audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, CAST(? AS jsonb))",
                    OffsetDateTime.now(clock),
                    actor == null ? "unknown" : actor,
                    action,
                    target,
                    json.writeValueAsString(detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit detail is not JSON", e);
        }
    }
}
