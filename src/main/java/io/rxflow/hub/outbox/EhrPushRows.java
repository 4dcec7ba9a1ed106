package io.rxflow.hub.outbox;

import io.rxflow.hub.support.SqlFiles;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The push outbox of the EHRs with their own FHIR server ({@code rxflow.ehr-push.ehrs}): in the caller's
 * transaction, one {@code ehr_push} row naming the resource that changed, written only when the
 * prescription was submitted with the API key of such an EHR. The row names the resource, never its
 * content; {@code rx-ehr-push-send} builds the resource when it sends it (docs/conversation.md).
 */
public final class EhrPushRows {
    /** The FHIR resource types an EHR is told about. */
    public enum Type {
        Task,
        MedicationDispense,
        MedicationRequest
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final String ehrs;
    private final String append = SqlFiles.load("ehr-push-append.sql");
    private final String deliveries = SqlFiles.load("ehr-push-append-deliveries.sql");
    private final String taskClosed = SqlFiles.load("ehr-push-append-task-closed.sql");

    /** {@code ehrs}: the key ids of the EHRs to push to; none, and nothing is ever written. */
    public EhrPushRows(DataSource dataSource, Set<String> ehrs) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.ehrs = String.join(",", new TreeSet<>(ehrs));
    }

    /**
     * The batch's delivered messages (prescription ids and MessageIDs, in the same order): each that is
     * a prescriber's RxRenewalResponse or RxChangeResponse changed its Task.
     */
    public void delivered(List<String> prescriptionIds, List<String> messageIds) {
        if (ehrs.isEmpty() || prescriptionIds.isEmpty()) {
            return;
        }
        jdbc.update(
                deliveries,
                Map.of(
                        "prescriptionIds", String.join(",", prescriptionIds),
                        "messageIds", String.join(",", messageIds),
                        "ehrs", ehrs));
    }

    /**
     * The event at {@code version} closed the newest renewal or change request before it, unanswered:
     * its Task (now cancelled) changed.
     */
    public void requestClosed(UUID id, int version) {
        if (ehrs.isEmpty()) {
            return;
        }
        jdbc.update(taskClosed, Map.of("id", id, "version", version, "ehrs", ehrs));
    }

    /** Records that {@code type/resourceId} of prescription {@code id} changed, for its EHR if it has a server. */
    public void changed(UUID id, Type type, String resourceId) {
        if (ehrs.isEmpty()) {
            return;
        }
        jdbc.update(append, Map.of("id", id, "resourceType", type.name(), "resourceId", resourceId, "ehrs", ehrs));
    }
}
