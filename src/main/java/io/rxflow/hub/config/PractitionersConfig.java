package io.rxflow.hub.config;

import ca.uhn.fhir.context.FhirContext;
import io.rxflow.hub.intake.R4IntakeParser;
import io.rxflow.hub.intake.R4Submission;
import io.rxflow.hub.practitioners.DirectoryLoad;
import io.rxflow.hub.practitioners.DirectoryLoaders;
import io.rxflow.hub.practitioners.PractitionerDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The practitioner directory, kept in PostgreSQL, loaded through {@code POST /fhir/r4} and from the
 * files of {@code rxflow.practitioners.files} at start.
 */
@Configuration(proxyBeanMethods = false)
class PractitionersConfig {
    private static final Logger LOG = LoggerFactory.getLogger(PractitionersConfig.class);

    /** Called by name from {@code rx-fhir-r4-directory-load}; intake looks conditional references up in it. */
    @Bean
    PractitionerDirectory practitionerDirectory(
            DataSource dataSource, PlatformTransactionManager transactions, FhirContext fhir, Clock clock) {
        return new PractitionerDirectory(dataSource, transactions, fhir, clock);
    }

    /** Whether an API key may change the directory through {@code POST /fhir/r4}; route rx-fhir-r4-directory-load. */
    @Bean
    DirectoryLoaders directoryLoaders(PractitionersProperties props) {
        return new DirectoryLoaders(props.loaderKeys());
    }

    /** Loads each configured file; one that cannot be read or is not a directory Bundle stops the start. */
    @Bean
    ApplicationRunner practitionerFiles(
            PractitionersProperties props,
            ResourceLoader loader,
            R4IntakeParser parser,
            PractitionerDirectory directory) {
        return args -> {
            for (String location : props.files()) {
                Resource file = loader.getResource(location.strip());
                byte[] body;
                try (InputStream in = file.getInputStream()) {
                    body = in.readAllBytes();
                } catch (IOException e) {
                    throw new IllegalStateException("rxflow.practitioners.files: cannot read " + location, e);
                }
                String type = location.strip().endsWith(".xml") ? "application/fhir+xml" : "application/fhir+json";
                R4Submission bundle = parser.parseBundle(body, type);
                if (!bundle.directory()) {
                    throw new IllegalStateException("rxflow.practitioners.files: " + location
                            + " is not a Bundle of Practitioners and Organizations without MedicationRequests");
                }
                DirectoryLoad load = directory.load(bundle.bundle());
                LOG.info(
                        "Practitioner directory: {} of {} entries stored from {}",
                        load.stored(),
                        load.entries().size(),
                        location);
            }
        };
    }
}
