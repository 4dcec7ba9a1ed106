package io.rxflow.hub.conversation;

import io.rxflow.hub.support.NotFoundException;
import java.util.UUID;

/**
 * A Task's id is its request's place on the stream: {@code <prescription id>-<event version>} (a FHIR
 * id of at most 64 characters), so the Task needs no table of its own.
 */
final class TaskIds {
    private TaskIds() {}

    static String of(UUID prescription, int version) {
        return prescription + "-" + version;
    }

    /** The prescription and version a Task id names; not found when it names none. */
    static Ref parse(String taskId) {
        if (taskId == null || taskId.length() < 38 || taskId.charAt(36) != '-') {
            throw new NotFoundException("No Task with that id");
        }
        try {
            return new Ref(UUID.fromString(taskId.substring(0, 36)), Integer.parseInt(taskId.substring(37)));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No Task with that id");
        }
    }

    record Ref(UUID prescription, int version) {}
}
