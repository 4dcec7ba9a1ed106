package io.rxflow.hub.ehrpush;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.CamelContext;

/**
 * One HAPI FHIR R5 client per EHR server, bound in Camel's registry as {@code ehrFhirClient-<key id>}
 * for the camel-fhir endpoint of {@code rx-ehr-push-send}: the base URL and the bearer token stay in the
 * client, out of every endpoint URI (and so out of route dumps, JMX and logs). No request logging.
 */
public final class EhrClients {
    /** Registry name prefix of the clients. */
    public static final String PREFIX = "ehrFhirClient-";

    /** One EHR's server: base URL and bearer token (null or blank: none). */
    public record Server(String baseUrl, String bearerToken) {
        @Override
        public String toString() {
            return "Server[baseUrl=" + baseUrl + "]";
        }
    }

    private final Map<String, IGenericClient> clients = new TreeMap<>();

    public EhrClients(Map<String, Server> servers, Duration timeout) {
        if (servers.isEmpty()) {
            return;
        }
        // Its own context: the client factory's timeouts and validation mode belong to the context.
        FhirContext fhir = FhirContext.forR5();
        var factory = fhir.getRestfulClientFactory();
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        factory.setConnectTimeout((int) timeout.toMillis());
        factory.setSocketTimeout((int) timeout.toMillis());
        factory.setConnectionRequestTimeout((int) timeout.toMillis());
        servers.forEach((ehr, server) -> {
            IGenericClient client =
                    fhir.newRestfulGenericClient(server.baseUrl().strip());
            if (server.bearerToken() != null && !server.bearerToken().isBlank()) {
                client.registerInterceptor(
                        new BearerTokenAuthInterceptor(server.bearerToken().strip()));
            }
            clients.put(ehr, client);
        });
    }

    /** Binds every client in {@code camel}'s registry. */
    public void bind(CamelContext camel) {
        clients.forEach((ehr, client) -> camel.getRegistry().bind(PREFIX + ehr, IGenericClient.class, client));
    }
}
