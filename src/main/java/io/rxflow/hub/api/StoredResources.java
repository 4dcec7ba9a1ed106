package io.rxflow.hub.api;

import io.rxflow.hub.intake.FhirFormat;
import io.rxflow.hub.intake.FhirWriters;
import io.rxflow.hub.intake.validation.NarrativeRules;
import io.rxflow.hub.support.ReadTypes;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import org.hl7.fhir.r5.model.DomainResource;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.springframework.stereotype.Component;

/** Turns the stored contained-form JSON back into the MedicationRequest FHIR clients read. */
@Component
public class StoredResources {
    /** Code system of the hub's own prescription status, carried as a meta tag. */
    public static final String STATUS_SYSTEM = "https://rxflow.io/fhir/CodeSystem/prescription-status";

    private final FhirWriters writers;

    public StoredResources(FhirWriters writers) {
        this.writers = writers;
    }

    /** A row of {@code prescription-find.sql} (the read model) as its MedicationRequest. */
    public MedicationRequest medicationRequest(Map<String, Object> row) {
        return medicationRequest(
                (String) row.get("medication_request"),
                (String) row.get("status"),
                ((Number) row.get("version")).intValue(),
                ReadTypes.offsetDateTime(row.get("updated_at")));
    }

    public MedicationRequest medicationRequest(String json, String status, int version, OffsetDateTime updatedAt) {
        MedicationRequest mr = writers.of(FhirFormat.JSON).parseResource(MedicationRequest.class, json);
        withoutActiveNarrative(mr);
        mr.getMeta().setVersionId(Integer.toString(version));
        mr.getMeta().setLastUpdated(Date.from(updatedAt.toInstant()));
        mr.getMeta().getTag().removeIf(t -> STATUS_SYSTEM.equals(t.getSystem()));
        mr.getMeta().addTag(STATUS_SYSTEM, status, "RxFlow Hub prescription status");
        ConversationStatuses.apply(mr, status);
        return mr;
    }

    /** Intake refuses active narrative; a row stored before it did is served without that narrative. */
    private static void withoutActiveNarrative(MedicationRequest mr) {
        if (!NarrativeRules.isSafe(mr)) {
            mr.setText(null);
        }
        for (var contained : mr.getContained()) {
            if (contained instanceof DomainResource d && !NarrativeRules.isSafe(d)) {
                d.setText(null);
            }
        }
    }
}
