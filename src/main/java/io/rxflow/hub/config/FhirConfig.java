package io.rxflow.hub.config;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The process-wide FHIR R5 context and the clock. */
@Configuration(proxyBeanMethods = false)
class FhirConfig {

    @Bean
    FhirContext fhirContext() {
        // Building a context scans the model: one per process, shared by every parser.
        return FhirContext.forR5Cached();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
