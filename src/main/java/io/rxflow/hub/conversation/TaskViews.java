package io.rxflow.hub.conversation;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.conversation.TaskIds.Ref;
import io.rxflow.hub.mapping.ScriptToFhir;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.support.BadRequestException;
import io.rxflow.hub.support.HttpReplies;
import io.rxflow.hub.support.NotFoundException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Resource;
import org.hl7.fhir.r5.model.Task;
import org.hl7.fhir.r5.model.Task.TaskStatus;

/**
 * {@code GET /fhir/r5/Task/{id}} and {@code GET /fhir/r5/Task?status=requested}: the pharmacy's
 * renewal and change requests as FHIR R5 Tasks, each a view over its prescription's events
 * ({@link PharmacyTask}), nothing stored apart. A search goes through the requests newest first
 * ({@code status=requested}: those of prescriptions still waiting) and answers a page of {@code _count}
 * Tasks with a {@code next} link ({@code _cursor}) while more may follow; one page reads at most
 * {@value #MAX_SCANS} × {@value #SCAN} requests, and a page cut short there still links the next one.
 * JSON or XML by Accept.
 */
public final class TaskViews {
    static final int SCAN = 1000;
    static final int MAX_SCANS = 10;
    private static final int DEFAULT_COUNT = 50;
    private static final int MAX_COUNT = 200;

    private final ConversationStore store;
    private final TaskResources resources;
    private final FhirContext fhir;
    private final ObjectMapper json;

    public TaskViews(ConversationStore store, ScriptXml xml, ScriptToFhir toFhir, FhirContext fhir, ObjectMapper json) {
        this.store = store;
        this.resources = new TaskResources(xml, toFhir);
        this.fhir = fhir;
        this.json = json;
    }

    public void read(@Header("id") String id, Exchange exchange) {
        reply(exchange, task(id).orElseThrow(() -> new NotFoundException("No Task with that id")));
    }

    /** The Task with that id as it is now (what {@code GET /fhir/r5/Task/{id}} answers), or empty. */
    public Optional<Task> task(String id) {
        Ref ref = TaskIds.parse(id);
        return tasks(ref.prescription()).stream()
                .filter(t -> t.request().version() == ref.version())
                .findFirst()
                .map(resources::task);
    }

    public void search(
            @Header("status") String status,
            @Header("_count") String count,
            @Header("_cursor") String cursor,
            Exchange exchange) {
        Set<TaskStatus> wanted = statuses(status);
        int limit = count(count);
        TaskCursor after = TaskCursor.parse(cursor);
        boolean openOnly = wanted.equals(Set.of(TaskStatus.REQUESTED));
        var bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        Map<UUID, List<PharmacyTask>> read = new HashMap<>();
        boolean more = false;
        scan:
        for (int scan = 0; scan < MAX_SCANS; scan++) {
            List<TaskCursor> requests = store.taskRequests(openOnly, after, SCAN);
            for (TaskCursor r : requests) {
                if (bundle.getEntry().size() == limit) {
                    more = true;
                    break scan;
                }
                for (PharmacyTask t : read.computeIfAbsent(r.prescription(), this::tasks)) {
                    if (t.request().version() == r.version() && (wanted.isEmpty() || wanted.contains(t.status()))) {
                        bundle.addEntry().setFullUrl("Task/" + t.id()).setResource(resources.task(t));
                    }
                }
                after = r;
            }
            more = requests.size() == SCAN;
            if (!more) {
                break;
            }
        }
        String query = "/fhir/r5/Task?"
                + (status == null || status.isBlank()
                        ? ""
                        : "status=" + URLEncoder.encode(status.strip(), StandardCharsets.UTF_8) + "&")
                + "_count=" + limit;
        bundle.addLink()
                .setRelation(Bundle.LinkRelationTypes.SELF)
                .setUrl(query + (cursor == null || cursor.isBlank() ? "" : "&_cursor=" + cursor.strip()));
        if (more) {
            bundle.addLink().setRelation(Bundle.LinkRelationTypes.NEXT).setUrl(query + "&_cursor=" + after.token());
        } else if (cursor == null || cursor.isBlank()) {
            // One page holds every match: its size is the total.
            bundle.setTotal(bundle.getEntry().size());
        }
        reply(exchange, bundle);
    }

    private List<PharmacyTask> tasks(UUID prescription) {
        return PharmacyTask.of(prescription, store.taskEvents(prescription), json);
    }

    private static Set<TaskStatus> statuses(String status) {
        if (status == null || status.isBlank()) {
            return Set.of();
        }
        try {
            return Arrays.stream(status.split(","))
                    .map(s -> TaskStatus.fromCode(s.strip()))
                    .collect(Collectors.toSet());
        } catch (Exception e) {
            throw new BadRequestException(
                    "status must be Task status codes (requested, accepted, rejected,"
                            + " completed, failed, cancelled), comma-separated",
                    "status");
        }
    }

    private static int count(String count) {
        if (count == null || count.isBlank()) {
            return DEFAULT_COUNT;
        }
        try {
            int n = Integer.parseInt(count.strip());
            if (n >= 1 && n <= MAX_COUNT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException("_count must be a whole number from 1 to " + MAX_COUNT, "_count");
    }

    private void reply(Exchange exchange, Resource resource) {
        String accept = exchange.getMessage().getHeader("Accept", String.class);
        String format = exchange.getMessage().getHeader("_format", String.class);
        boolean xml = (format != null && format.contains("xml"))
                || (format == null && accept != null && accept.contains("xml") && !accept.contains("json"));
        var parser = xml ? fhir.newXmlParser() : fhir.newJsonParser();
        HttpReplies.reply(
                exchange.getMessage(),
                200,
                xml ? "application/fhir+xml" : "application/fhir+json",
                parser.encodeResourceToString(resource),
                null);
    }
}
