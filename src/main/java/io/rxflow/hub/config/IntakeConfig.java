package io.rxflow.hub.config;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.rxflow.hub.drugs.DrugResolver;
import io.rxflow.hub.intake.GroupCommit;
import io.rxflow.hub.intake.IdempotencyKeys;
import io.rxflow.hub.intake.IntakeBatchWriter;
import io.rxflow.hub.intake.IntakeResults;
import io.rxflow.hub.intake.IntakeWarmUp;
import io.rxflow.hub.intake.validation.PrescriptionValidator;
import java.time.Clock;
import java.util.Arrays;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Intake's plain-Java collaborators: the validator, the idempotency keys, the group commit, and the
 * warm-up at start.
 */
@Configuration(proxyBeanMethods = false)
class IntakeConfig {
    private static final String GENERATED_SECRET_FILE = "idempotency-secret";

    @Bean
    PrescriptionValidator prescriptionValidator(DrugResolver drugs, Clock clock) {
        return new PrescriptionValidator(drugs, clock);
    }

    @Bean
    IdempotencyKeys idempotencyKeys(HubProperties props, DataFolder dataFolder, Environment env) {
        String secret = props.idempotency().secret();
        if (secret.isBlank()) {
            if (Arrays.asList(env.getActiveProfiles()).contains("production")) {
                // Every instance must derive the same key, so production cannot invent its own secret.
                throw new IllegalStateException("The production profile needs RXFLOW_IDEMPOTENCY_SECRET");
            }
            secret = dataFolder
                    .readSecret(GENERATED_SECRET_FILE)
                    .orElseGet(() -> dataFolder.createSecret(GENERATED_SECRET_FILE));
        }
        return new IdempotencyKeys(secret);
    }

    /** Called by name from {@code rx-intake-store}. */
    @Bean(destroyMethod = "close")
    GroupCommit intakeStore(
            DataSource dataSource,
            PlatformTransactionManager transactions,
            IntakeResults results,
            IntakeProperties props,
            MeterRegistry meters) {
        DistributionSummary batchSizes = DistributionSummary.builder("rxflow.intake.batch.size")
                .description("Intake commands written per transaction (group commit)")
                .register(meters);
        GroupCommit store = new GroupCommit(
                new IntakeBatchWriter(dataSource, transactions, results),
                new GroupCommit.Settings(
                        props.maxBatch(),
                        props.linger(),
                        props.queueCapacity(),
                        props.writers(),
                        props.answerTimeout()),
                batchSizes::record);
        meters.gauge("rxflow.intake.queue", store, GroupCommit::waiting);
        return store;
    }

    /**
     * Once the routes run and before the hub reports itself ready (readiness follows the application's
     * ready event), the preview route is run with the sample prescriptions.
     */
    @Bean
    ApplicationListener<ApplicationStartedEvent> intakeWarmUpAtStart(CamelContext camel, IntakeProperties props) {
        return event -> {
            if (props.warmUpRounds() > 0) {
                new IntakeWarmUp(camel, props.warmUpRounds()).run();
            }
        };
    }
}
