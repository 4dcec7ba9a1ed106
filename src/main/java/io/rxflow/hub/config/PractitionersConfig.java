package io.rxflow.hub.config;

import ca.uhn.fhir.context.FhirContext;
import io.rxflow.hub.practitioners.PractitionerDirectory;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The practitioner directory, kept in PostgreSQL and loaded through {@code POST /fhir/r4}. */
@Configuration(proxyBeanMethods = false)
class PractitionersConfig {

    /** Called by name from {@code rx-fhir-r4-directory-load}; intake looks conditional references up in it. */
    @Bean
    PractitionerDirectory practitionerDirectory(
            DataSource dataSource, PlatformTransactionManager transactions, FhirContext fhir, Clock clock) {
        return new PractitionerDirectory(dataSource, transactions, fhir, clock);
    }
}
