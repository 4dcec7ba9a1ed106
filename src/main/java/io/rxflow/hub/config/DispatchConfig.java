package io.rxflow.hub.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.dispatch.DispatchOutcomes;
import io.rxflow.hub.dispatch.DispatchRoutes;
import io.rxflow.hub.dispatch.PharmacyDirectory;
import io.rxflow.hub.dispatch.PharmacyHttpClient;
import io.rxflow.hub.dispatch.PharmacyViews;
import io.rxflow.hub.dispatch.ScriptVersions;
import io.rxflow.hub.mapping.ScriptSchemas;
import io.rxflow.hub.mapping.ScriptSettings;
import io.rxflow.hub.mapping.ScriptXml;
import io.rxflow.hub.outbox.OutboxPublisher;
import io.rxflow.hub.outbox.OutboxRelayRoute;
import io.rxflow.hub.responses.InboundReplies;
import io.rxflow.hub.responses.PharmacyReplies;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;

/** Delivery: the outbox relay, the pharmacy directory and one dispatch route per pharmacy. */
@Configuration(proxyBeanMethods = false)
class DispatchConfig {

    @Bean
    PharmacyDirectory pharmacyDirectory(
            @Value("${rxflow.pharmacies.file}") String file, ResourceLoader loader, ConfigurableEnvironment env) {
        return new PharmacyDirectory(loader.getResource(file), env);
    }

    @Bean
    PharmacyHttpClient pharmacyHttpClient(PharmacyDirectory directory) {
        return new PharmacyHttpClient(directory);
    }

    @Bean
    PharmacyReplies pharmacyReplies(ScriptXml scriptXml) {
        return new PharmacyReplies(scriptXml);
    }

    @Bean
    InboundReplies inboundReplies(PharmacyReplies replies, ObjectMapper json) {
        return new InboundReplies(replies, json);
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
    DispatchRoutes dispatchRoutes(PharmacyDirectory directory) {
        return new DispatchRoutes(directory);
    }

    /** Dispatch routes come from YAML templates, so they are made once Camel has loaded the YAML. */
    @Bean
    CamelContextConfiguration dispatchRoutesAtStart(DispatchRoutes routes) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                // Templates are not loaded yet; nothing to do before start.
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                try {
                    routes.sync(camel);
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot start the dispatch routes: " + e.getMessage(), e);
                }
            }
        };
    }

    @Bean(destroyMethod = "close")
    OutboxPublisher outboxPublisher(
            KafkaConfig.KafkaBrokers brokers,
            ObjectMapper json,
            @Value("${rxflow.outbox.ack-timeout:30s}") Duration ackTimeout) {
        return new OutboxPublisher(brokers.bootstrapServers(), json, ackTimeout);
    }

    @Bean
    OutboxRelayRoute outboxRelayRoute() {
        return new OutboxRelayRoute();
    }
}
