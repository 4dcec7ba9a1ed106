package io.rxflow.hub.intake;

import io.rxflow.hub.support.PrescriptionResources;
import java.util.List;
import java.util.Map;

/**
 * A parsed submission: the resources, the shape they came in, for a transaction the resource type of
 * each entry in order (the transaction-response answers them one by one), and for the JSON envelope
 * each member's JSON as received (envelope member name to JSON text), which the
 * PrescriptionReceived event stores as is instead of encoding the parsed resources again.
 */
public record IntakeRequest(
        Shape shape, PrescriptionResources resources, List<String> entryTypes, Map<String, String> receivedJson) {

    public IntakeRequest {
        entryTypes = List.copyOf(entryTypes);
        receivedJson = Map.copyOf(receivedJson);
    }

    /** A submission whose resources are stored as the hub encodes them (the FHIR shapes). */
    public IntakeRequest(Shape shape, PrescriptionResources resources, List<String> entryTypes) {
        this(shape, resources, entryTypes, Map.of());
    }

    /** The three accepted request shapes. */
    public enum Shape {
        ENVELOPE,
        CONTAINED,
        TRANSACTION
    }
}
