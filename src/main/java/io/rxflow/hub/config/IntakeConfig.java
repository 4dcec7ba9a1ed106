package io.rxflow.hub.config;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.rxflow.hub.drugs.DrugResolver;
import io.rxflow.hub.intake.GroupCommit;
import io.rxflow.hub.intake.IdempotencyKeys;
import io.rxflow.hub.intake.IntakeBatchWriter;
import io.rxflow.hub.intake.IntakeResults;
import io.rxflow.hub.intake.validation.PrescriptionValidator;
import java.time.Clock;
import java.util.Arrays;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

/** Intake's plain-Java collaborators: the validator, the idempotency keys and the group commit. */
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
}
