package io.rxflow.hub.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.rxflow.hub.retention.RetentionPruner;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The retention pruner, built from {@code rxflow.retention.*}; route {@code rx-retention-pruner}. */
@Configuration(proxyBeanMethods = false)
class RetentionConfig {

    @Bean
    RetentionPruner retentionPruner(
            DataSource dataSource, Clock clock, RetentionProperties settings, MeterRegistry meters) {
        return new RetentionPruner(
                dataSource,
                clock,
                new RetentionPruner.Ages(
                        settings.outboxPublished(),
                        settings.processedMessages(),
                        settings.rejections(),
                        settings.pharmacyMessages(),
                        settings.ehrPushed()),
                settings.batchSize(),
                meters);
    }
}
