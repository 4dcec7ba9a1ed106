package io.rxflow.hub.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * What a fault test started (processes, proxies, loads) and the database it made: stopped in the
 * reverse order of starting, then the database dropped. A failure to stop one does not keep the
 * others running.
 */
final class Started implements AutoCloseable {
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<String> databases = new ArrayList<>();

    /** Keeps {@code resource} to be stopped at the end and hands it back. */
    <T extends AutoCloseable> T keep(T resource) {
        started.add(resource);
        return resource;
    }

    /** A new empty database on the local server ({@link FaultSupport#freshDatabase}), dropped at the end. */
    String freshDatabase(String prefix) {
        String name = FaultSupport.freshDatabase(prefix);
        databases.add(name);
        return name;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
        started.clear();
        databases.forEach(FaultSupport::dropDatabase);
        databases.clear();
    }
}
