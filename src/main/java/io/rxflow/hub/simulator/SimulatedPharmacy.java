package io.rxflow.hub.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One simulated pharmacy's state: its mode and the NewRx MessageIDs it accepted, with a count of those
 * that arrived again. Thread-safe: the HTTP threads and a Kafka consumer may share a pharmacy.
 */
public final class SimulatedPharmacy {
    private final String ncpdpId;
    private volatile PharmacyMode mode = PharmacyMode.UP;
    private final Set<String> accepted = new LinkedHashSet<>();
    private long duplicates;

    SimulatedPharmacy(String ncpdpId) {
        this.ncpdpId = ncpdpId;
    }

    /** What the pharmacy received and accepted, for a test to check delivery exactly once. */
    public record Received(int count, List<String> messageIds, long duplicates) {
        /** The JSON body of {@code GET .../received}: count, message_ids, duplicates. */
        public Map<String, Object> asJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("count", count);
            json.put("message_ids", messageIds);
            json.put("duplicates", duplicates);
            return json;
        }
    }

    public String ncpdpId() {
        return ncpdpId;
    }

    public PharmacyMode mode() {
        return mode;
    }

    public void mode(PharmacyMode mode) {
        this.mode = mode;
    }

    /** Records an accepted NewRx; false when this MessageID was accepted before (a duplicate). */
    public synchronized boolean accept(String messageId) {
        boolean first = accepted.add(messageId);
        if (!first) {
            duplicates++;
        }
        return first;
    }

    /** The distinct accepted MessageIDs in arrival order, and the number of repeats. */
    public synchronized Received received() {
        return new Received(accepted.size(), new ArrayList<>(accepted), duplicates);
    }

    /** Forgets everything received (the mode stays). */
    public synchronized void reset() {
        accepted.clear();
        duplicates = 0;
    }
}
