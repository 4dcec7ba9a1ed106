package io.rxflow.hub.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.rxflow.hub.dispatch.DispatchOutcomes;
import io.rxflow.hub.dispatch.DispatchPauses;
import io.rxflow.hub.dispatch.DispatchRecorder;
import io.rxflow.hub.dispatch.DispatchRoutes;
import io.rxflow.hub.dispatch.OutcomeBatchWriter;
import io.rxflow.hub.dispatch.PharmacyHttpClient;
import io.rxflow.hub.dispatch.PharmacyViews;
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
            DispatchPauses pauses) {
        return new DispatchRoutes(
                directory,
                kafka.topics().ncpdpOutbound(),
                topic -> KafkaConfig.createTopics(brokers.bootstrapServers(), kafka, java.util.List.of(topic)),
                pauses::pausedNow);
    }

    @Bean
    DispatchPauses dispatchPauses(JdbcTemplate jdbc, Clock clock) {
        return new DispatchPauses(jdbc, clock);
    }

    /**
     * Dispatch routes come from YAML templates, so they are made once Camel has loaded and started the
     * YAML: when the application has started, before it reports itself ready. A failure here fails
     * the start (the hub exits), never leaves a running hub without its dispatch routes (Camel's own
     * after-start callbacks log such an exception and go on).
     */
    @Bean
    ApplicationListener<ApplicationStartedEvent> dispatchRoutesAtStart(
            CamelContext camel, DispatchRoutes routes, DispatchPauses pauses) {
        return event -> {
            try {
                routes.sync(camel);
                pauses.apply(camel);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start the dispatch routes: " + e.getMessage(), e);
            }
        };
    }
}
