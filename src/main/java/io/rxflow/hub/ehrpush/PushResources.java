package io.rxflow.hub.ehrpush;

import io.rxflow.hub.api.MedicationDispenses;
import io.rxflow.hub.api.StoredResources;
import io.rxflow.hub.conversation.TaskViews;
import io.rxflow.hub.support.NotFoundException;
import io.rxflow.hub.support.SqlFiles;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.hl7.fhir.r5.model.IdType;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Resource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The resource a push row names, as the hub's own FHIR views show it now: {@code GET /fhir/r5/Task/{id}},
 * a MedicationDispense of {@code GET /fhir/r5/MedicationDispense?prescription=}, and
 * {@code GET /fhir/r5/MedicationRequest/{id}} with its status and statusReason. No mapping of its own.
 */
final class PushResources {
    private final NamedParameterJdbcTemplate jdbc;
    private final TaskViews tasks;
    private final MedicationDispenses dispenses;
    private final StoredResources stored;
    private final String prescription = SqlFiles.loadNamed("prescription-find.sql");
    private final String event = SqlFiles.load("ehr-push-event.sql");

    PushResources(DataSource dataSource, TaskViews tasks, MedicationDispenses dispenses, StoredResources stored) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tasks = tasks;
        this.dispenses = dispenses;
        this.stored = stored;
    }

    /** The resource under its view's id, without a version: the EHR's server keeps its own versions. */
    Resource of(Push push) throws IOException {
        Resource resource =
                switch (push.resourceType()) {
                    case "Task" -> tasks.task(push.resourceId())
                            .orElseThrow(() -> new NotFoundException("No Task with that id"));
                    case "MedicationDispense" -> dispense(push);
                    case "MedicationRequest" -> medicationRequest(push.prescription());
                    default -> throw new IllegalStateException("Not a pushed resource type: " + push.resourceType());
                };
        resource.setIdElement(new IdType(push.resourceType(), push.resourceId()));
        return resource;
    }

    private Resource dispense(Push push) throws IOException {
        int version =
                Integer.parseInt(push.resourceId().substring(push.resourceId().lastIndexOf('-') + 1));
        Map<String, Object> fill =
                jdbc.queryForList(event, Map.of("id", push.prescription(), "version", version)).stream()
                        .findFirst()
                        .orElseThrow(() -> new NotFoundException("No fill at that version"));
        return dispenses.dispense(push.prescription().toString(), medicationRequest(push.prescription()), fill);
    }

    private MedicationRequest medicationRequest(UUID id) {
        Map<String, Object> row = jdbc.queryForList(prescription, Map.of("id", id.toString())).stream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("No prescription with that id"));
        return stored.medicationRequest(row);
    }
}
