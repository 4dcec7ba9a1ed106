package io.rxflow.hub.practitioners;

import java.util.List;

/** What a directory load did with each entry of its Bundle, in entry order. */
public record DirectoryLoad(List<Entry> entries) {
    public DirectoryLoad {
        entries = List.copyOf(entries);
    }

    /** What became of an entry. */
    public enum Fate {
        /** A resource the directory did not hold under any of its identifiers. */
        CREATED,
        /** A resource that replaced what the directory held under its identifiers. */
        UPDATED,
        /** Not kept: {@code note} says why. */
        NOT_KEPT
    }

    /** One entry: its resource type, its fate and what the answer says about it. */
    public record Entry(String type, Fate fate, String note) {}

    /** How many entries the directory now holds from this load. */
    public long stored() {
        return entries.stream().filter(e -> e.fate() != Fate.NOT_KEPT).count();
    }
}
