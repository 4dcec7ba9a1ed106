package io.rxflow.hub;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.model.IdType;
import org.hl7.fhir.r5.model.MedicationDispense;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Resource;
import org.hl7.fhir.r5.model.Task;

/**
 * The EHR's own FHIR R5 server, a remote party: a HAPI {@link RestfulServer} on an embedded Tomcat
 * (127.0.0.1, a free port) with Task, MedicationDispense and MedicationRequest providers that keep every
 * update they receive, in order, with its Authorization header. Stopped and started again on the same
 * port, it keeps what it received.
 */
final class EhrFhirServer implements AutoCloseable {
    /** One update received: the resource as sent and the request's Authorization header. */
    record Received(Resource resource, String authorization) {}

    private final FhirContext fhir = FhirContext.forR5();
    private final Map<String, List<Received>> updates = new ConcurrentHashMap<>();
    private final List<IResourceProvider> providers = List.of(
            new Provider<>(Task.class),
            new Provider<>(MedicationDispense.class),
            new Provider<>(MedicationRequest.class));
    private Tomcat tomcat;
    private int port;

    /** Starts on a free port. */
    static EhrFhirServer start() throws Exception {
        var server = new EhrFhirServer();
        server.startOn(0);
        return server;
    }

    /** Starts (again) on {@code port}. */
    synchronized void startOn(int wanted) throws Exception {
        Path base = Files.createTempDirectory("ehr-fhir-server");
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        var connector = new Connector();
        connector.setPort(wanted);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        var servlet = new RestfulServer(fhir);
        servlet.setResourceProviders(new ArrayList<>(providers));
        Tomcat.addServlet(context, "fhir", servlet).setLoadOnStartup(1);
        context.addServletMappingDecoded("/fhir/*", "fhir");
        tomcat.start();
        port = connector.getLocalPort();
    }

    synchronized void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port + "/fhir";
    }

    /** Every update of {@code type/id} received, oldest first. */
    List<Received> updates(String type, String id) {
        return List.copyOf(updates.getOrDefault(type + "/" + id, List.of()));
    }

    /** Every update received, of any resource. */
    int allUpdates() {
        return updates.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    /** Keeps each update (update-as-create) and reads back the latest. */
    final class Provider<T extends Resource> implements IResourceProvider {
        private final Class<T> type;

        Provider(Class<T> type) {
            this.type = type;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return type;
        }

        @Update
        public MethodOutcome update(@IdParam IdType id, @ResourceParam T resource, HttpServletRequest request) {
            String key = type.getSimpleName() + "/" + id.getIdPart();
            // A copy through the parser: what the wire carried, not an object the servlet may reuse.
            Resource copy = fhir.newJsonParser()
                    .parseResource(type, fhir.newJsonParser().encodeResourceToString(resource));
            var list = updates.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
            list.add(new Received(copy, request.getHeader("Authorization")));
            return new MethodOutcome(new IdType(type.getSimpleName(), id.getIdPart(), Integer.toString(list.size())))
                    .setCreated(list.size() == 1);
        }

        @Read
        public T read(@IdParam IdType id) {
            var list = updates.get(type.getSimpleName() + "/" + id.getIdPart());
            if (list == null || list.isEmpty()) {
                throw new ResourceNotFoundException(id);
            }
            return type.cast(list.get(list.size() - 1).resource());
        }
    }
}
