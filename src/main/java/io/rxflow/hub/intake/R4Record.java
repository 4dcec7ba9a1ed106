package io.rxflow.hub.intake;

import java.util.ArrayList;
import java.util.List;

/**
 * An R4 transaction or batch Bundle as the hub reads it: the prescriptions it takes (one per
 * MedicationRequest that is an active order; a Bundle with one MedicationRequest takes that one and
 * lets the validator judge it) and what it does with each entry, in entry order, for the answer.
 * The results of the stored prescriptions are added as the route stores them.
 */
public final class R4Record {
    /** What became of an entry. */
    public enum Fate {
        /** A MedicationRequest taken as a prescription. */
        TAKEN,
        /** A MedicationRequest that is not an active order. */
        IGNORED,
        /** A party of a taken prescription, kept as its contained resource. */
        PART,
        /** Anything else: the hub keeps prescriptions and their parties only. */
        NOT_KEPT
    }

    /** One entry's fate; {@code request} is the index of its prescription (TAKEN, PART) or -1. */
    public record Entry(String type, Fate fate, int request, String note) {}

    private final boolean batch;
    private final List<IntakeRequest> requests;
    private final List<Entry> entries;
    private final List<IntakeResult> results = new ArrayList<>();

    R4Record(boolean batch, List<IntakeRequest> requests, List<Entry> entries) {
        this.batch = batch;
        this.requests = List.copyOf(requests);
        this.entries = List.copyOf(entries);
    }

    public boolean batch() {
        return batch;
    }

    public int size() {
        return requests.size();
    }

    public IntakeRequest request(int index) {
        return requests.get(index);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The stored prescriptions' results, in request order. */
    public List<IntakeResult> results() {
        return List.copyOf(results);
    }

    void stored(IntakeResult result) {
        results.add(result);
    }
}
