package io.rxflow.hub.config;

import ca.uhn.fhir.context.FhirContext;
import io.rxflow.hub.mapping.DrugTable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** The process-wide FHIR R5 context, the drug table and the clock. */
@Configuration(proxyBeanMethods = false)
class FhirConfig {
    private static final Logger log = LoggerFactory.getLogger(FhirConfig.class);

    @Bean
    FhirContext fhirContext() {
        // Building a context scans the model: one per process, shared by every parser.
        return FhirContext.forR5Cached();
    }

    @Bean
    DrugTable drugTable(HubProperties props, ResourceLoader loader) throws IOException {
        String location = props.drugs().table();
        try (InputStream in = loader.getResource(location).getInputStream()) {
            DrugTable table = DrugTable.load(in, location);
            log.info("Drug table {} loaded: {} products", location, table.size());
            return table;
        }
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
