package io.rxflow.hub.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.rxflow.hub.api.ApiKeys;
import io.rxflow.hub.api.MedicationDispenses;
import io.rxflow.hub.api.StoredResources;
import io.rxflow.hub.conversation.TaskViews;
import io.rxflow.hub.ehrpush.EhrClients;
import io.rxflow.hub.ehrpush.EhrPush;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Back to the EHR ({@code rxflow.ehr-push.*}): the sender the {@code rx-ehr-push-*} routes call and one
 * camel-fhir client per configured EHR. Under the production profile an EHR's server must be https.
 */
@Configuration(proxyBeanMethods = false)
class EhrPushConfig {

    @Bean
    EhrPush ehrPush(
            DataSource dataSource,
            EhrPushProperties settings,
            ApiKeys apiKeys,
            Environment environment,
            TaskViews tasks,
            MedicationDispenses dispenses,
            StoredResources stored,
            MeterRegistry meters) {
        if (Arrays.asList(environment.getActiveProfiles()).contains(RequiredSettings.PROFILE)) {
            settings.requireProductionSafe();
        }
        EhrPushProperties.requireKnownKeys(settings, apiKeys.ids());
        return new EhrPush(
                dataSource,
                new EhrPush.Resources(tasks, dispenses, stored),
                new EhrPush.Settings(
                        settings.ehrs().keySet(),
                        settings.batchSize(),
                        settings.lease(),
                        settings.backoffInitial(),
                        settings.backoffMax()),
                meters);
    }

    /** The clients are bound in Camel's registry before the routes start. */
    @Bean
    CamelContextConfiguration ehrFhirClientsAtStart(EhrPushProperties settings) {
        Map<String, EhrClients.Server> servers = new LinkedHashMap<>();
        settings.ehrs().forEach((id, ehr) -> servers.put(id, new EhrClients.Server(ehr.baseUrl(), ehr.bearerToken())));
        EhrClients clients = new EhrClients(servers, settings.timeout());
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                clients.bind(camel);
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // Bound before start; nothing more.
            }
        };
    }
}
