package io.rxflow.hub.config;

import io.rxflow.hub.drugs.DrugResolver;
import io.rxflow.hub.intake.IdempotencyKeys;
import io.rxflow.hub.intake.validation.PrescriptionValidator;
import java.time.Clock;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Intake's plain-Java collaborators: the validator and the idempotency keys. */
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
}
