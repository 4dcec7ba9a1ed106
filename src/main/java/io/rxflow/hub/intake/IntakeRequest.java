package io.rxflow.hub.intake;

import io.rxflow.hub.support.PrescriptionResources;
import java.util.List;
import java.util.Map;

/**
 * A parsed submission: the resources, the shape they came in, for a transaction the resource type of
 * each entry in order (the transaction-response answers them one by one), and for the JSON envelope
 * each member's JSON as received (envelope member name to JSON text), which the
 * PrescriptionReceived event stores as is instead of encoding the parsed resources again. The FHIR
 * version is the one the sender wrote: an R4 submission's resources are already converted to R5.
 * A SCRIPT NewRx carries its {@link ScriptReceipt} (the message as received, its MessageID and
 * sender) and its resources are the reverse mapping of the NewRx; {@code script} is null for FHIR.
 */
public record IntakeRequest(
        Shape shape,
        PrescriptionResources resources,
        List<String> entryTypes,
        Map<String, String> receivedJson,
        String fhirVersion,
        ScriptReceipt script) {

    /** The FHIR version of the hub's own model. */
    public static final String R5 = "5.0.0";

    public IntakeRequest {
        entryTypes = List.copyOf(entryTypes);
        receivedJson = Map.copyOf(receivedJson);
    }

    /** A FHIR submission (no SCRIPT receipt). */
    public IntakeRequest(
            Shape shape,
            PrescriptionResources resources,
            List<String> entryTypes,
            Map<String, String> receivedJson,
            String fhirVersion) {
        this(shape, resources, entryTypes, receivedJson, fhirVersion, null);
    }

    /** An R5 submission, with its envelope members' JSON as received. */
    public IntakeRequest(
            Shape shape, PrescriptionResources resources, List<String> entryTypes, Map<String, String> receivedJson) {
        this(shape, resources, entryTypes, receivedJson, R5);
    }

    /** A submission whose resources are stored as the hub encodes them (the FHIR shapes). */
    public IntakeRequest(Shape shape, PrescriptionResources resources, List<String> entryTypes) {
        this(shape, resources, entryTypes, Map.of());
    }

    /**
     * True when the order names no pharmacy (an R4 Bundle's order without dispenseRequest.performer):
     * it is stored without a NewRx and held ({@code routing_failed}) until routed.
     */
    public boolean held() {
        return resources.pharmacy() == null;
    }

    /** True when the sender wrote FHIR R4 (refusals then name R4's elements). */
    public boolean r4() {
        return !R5.equals(fhirVersion);
    }

    /**
     * The accepted request shapes (BATCH: an R4 batch Bundle, read like a transaction; SCRIPT: an NCPDP
     * SCRIPT NewRx).
     */
    public enum Shape {
        ENVELOPE,
        CONTAINED,
        TRANSACTION,
        BATCH,
        SCRIPT
    }
}
