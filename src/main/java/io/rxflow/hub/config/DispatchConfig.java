package io.rxflow.hub.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.rxflow.hub.dispatch.DispatchBatches;
import io.rxflow.hub.dispatch.DispatchOutcomes;
import io.rxflow.hub.dispatch.DispatchPauses;
import io.rxflow.hub.dispatch.DispatchRecorder;
import io.rxflow.hub.dispatch.DispatchRoutes;
import io.rxflow.hub.dispatch.OutcomeBatchWriter;
import io.rxflow.hub.dispatch.PharmacyHttpClient;
import io.rxflow.hub.dispatch.PharmacyViews;
import io.rxflow.hub.dispatch.PollBudget;
import io.rxflow.hub.dispatch.ScriptVersions;
import io.rxflow.hub.outbox.EhrPushRows;
import io.rxflow.hub.pharmacies.PharmacyDirectory;
import io.rxflow.hub.responses.PharmacyReplies;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

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

    /** Called by name from {@code rx-dispatch-record}: outcomes of concurrent deliveries, one transaction. */
    @Bean(destroyMethod = "close")
    DispatchRecorder dispatchRecorder(
            DataSource dataSource,
            PlatformTransactionManager transactions,
            HubProperties props,
            MeterRegistry meters,
            EhrPushRows ehrPushes) {
        DistributionSummary batchSizes = DistributionSummary.builder("rxflow.dispatch.record.batch.size")
                .description("Delivery outcomes recorded per transaction (group commit)")
                .register(meters);
        var recorder = new DispatchRecorder(
                new OutcomeBatchWriter(dataSource, transactions, ehrPushes),
                new DispatchRecorder.Settings(
                        props.dispatch().recordMaxBatch(),
                        props.dispatch().recordLinger(),
                        10_000,
                        Duration.ofSeconds(60)),
                batchSizes::record);
        meters.gauge("rxflow.dispatch.record.queue", recorder, DispatchRecorder::waiting);
        return recorder;
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
            PharmacyDirectory directory,
            KafkaProperties kafka,
            KafkaConfig.KafkaBrokers brokers,
            DispatchPauses pauses,
            HubProperties props) {
        return new DispatchRoutes(
                directory,
                kafka.topics().ncpdpOutbound(),
                topic -> KafkaConfig.createTopics(brokers.bootstrapServers(), kafka, java.util.List.of(topic)),
                pauses::pausedNow,
                props.dispatch().inFlightPerPharmacy(),
                new PollBudget(
                        props.dispatch().maxRedeliveries(),
                        props.dispatch().redeliveryDelayMs(),
                        props.dispatch().maxRedeliveryDelayMs(),
                        KafkaConfig.MAX_POLL_INTERVAL_MS,
                        KafkaConfig.MAX_POLL_RECORDS));
    }

    /** Called by name from {@code rx-dispatch-batches}: a poll batch as lanes per prescription, and its commit. */
    @Bean
    DispatchBatches dispatchBatches() {
        return new DispatchBatches();
    }

    @Bean
    DispatchPauses dispatchPauses(JdbcTemplate jdbc, Clock clock) {
        return new DispatchPauses(jdbc, clock);
    }

    /** Dispatch routes come from YAML templates, so they are made once Camel has loaded the YAML. */
    @Bean
    DispatchRoutesAtStart dispatchRoutesAtStart(DispatchRoutes routes, DispatchPauses pauses) {
        return new DispatchRoutesAtStart(routes, pauses);
    }

    /**
     * Makes the dispatch routes right after Camel has started (the pharmacy directory is read then, so
     * the per-pharmacy meters and the first requests find it), and fails the application's start if
     * that failed: Camel logs an exception from its after-start callbacks and goes on, which left a
     * hub serving the API without any dispatch route (TwoHubsIT, a topic-creation race).
     */
    static final class DispatchRoutesAtStart
            implements CamelContextConfiguration, ApplicationListener<ApplicationStartedEvent> {
        private final DispatchRoutes routes;
        private final DispatchPauses pauses;
        private volatile Exception failure;

        DispatchRoutesAtStart(DispatchRoutes routes, DispatchPauses pauses) {
            this.routes = routes;
            this.pauses = pauses;
        }

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
                failure = e;
            }
        }

        @Override
        public void onApplicationEvent(ApplicationStartedEvent event) {
            if (failure != null) {
                throw new IllegalStateException("Cannot start the dispatch routes: " + failure.getMessage(), failure);
            }
        }
    }
}
