package io.rxflow.hub.intake;

import io.rxflow.hub.support.PrescriptionResources;
import java.util.List;

/**
 * A parsed submission: the resources, the shape they came in, and for a transaction the resource
 * type of each entry in order (the transaction-response answers them one by one).
 */
public record IntakeRequest(Shape shape, PrescriptionResources resources, List<String> entryTypes) {

    /** The three accepted request shapes. */
    public enum Shape {
        ENVELOPE,
        CONTAINED,
        TRANSACTION
    }
}
