package io.rxflow.hub.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.dispatch.DispatchOutcomes;
import io.rxflow.hub.dispatch.DispatchPauses;
import io.rxflow.hub.dispatch.DispatchRoutes;
import io.rxflow.hub.dispatch.PharmacyHttpClient;
import io.rxflow.hub.dispatch.PharmacyViews;
import io.rxflow.hub.dispatch.ScriptVersions;
import io.rxflow.hub.pharmacies.PharmacyDirectory;
import io.rxflow.hub.responses.PharmacyReplies;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Delivery to pharmacies: one dispatch route per pharmacy, its outcomes and its HTTP client. */
@Configuration(proxyBeanMethods = false)
class DispatchConfig {

    @Bean
    PharmacyHttpClient pharmacyHttpClient(PharmacyDirectory directory) {
        return new PharmacyHttpClient(directory);
    }

    @Bean
    DispatchOutcomes dispatchOutcomes(PharmacyDirectory directory, PharmacyReplies replies, ObjectMapper json) {
        return new DispatchOutcomes(directory, replies, json);
    }

    @Bean
    ScriptVersions scriptVersions(ScriptSettings settings, ScriptSchemas schemas) {
        return new ScriptVersions(settings, schemas);
    }

    @Bean
    PharmacyViews pharmacyViews(PharmacyDirectory directory, DispatchRoutes routes, ObjectMapper json) {
        return new PharmacyViews(directory, routes, json);
    }

    @Bean
    DispatchRoutes dispatchRoutes(
            PharmacyDirectory directory, KafkaProperties kafka, KafkaConfig.KafkaBrokers brokers) {
        return new DispatchRoutes(
                directory,
                kafka.topics().ncpdpOutbound(),
                topic -> KafkaConfig.createTopics(brokers.bootstrapServers(), kafka, java.util.List.of(topic)));
    }

    @Bean
    DispatchPauses dispatchPauses(JdbcTemplate jdbc, Clock clock) {
        return new DispatchPauses(jdbc, clock);
    }

    /** Dispatch routes come from YAML templates, so they are made once Camel has loaded the YAML. */
    @Bean
    CamelContextConfiguration dispatchRoutesAtStart(DispatchRoutes routes, DispatchPauses pauses) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                // Templates are not loaded yet; nothing to do before start.
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                try {
                    routes.sync(camel);
                    pauses.apply(camel);
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot start the dispatch routes: " + e.getMessage(), e);
                }
            }
        };
    }
}
