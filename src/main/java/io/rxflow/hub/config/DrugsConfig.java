package io.rxflow.hub.config;

import io.rxflow.hub.drugs.DrugResolver;
import io.rxflow.hub.drugs.DrugTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** The drug reference data (DEA schedule, NDC) and the schedule resolver, from {@code rxflow.drugs.*}. */
@Configuration(proxyBeanMethods = false)
class DrugsConfig {
    private static final Logger log = LoggerFactory.getLogger(DrugsConfig.class);

    @Bean
    DrugTable drugTable(HubProperties props, ResourceLoader loader) throws IOException {
        String location = props.drugs().table();
        try (InputStream in = loader.getResource(location).getInputStream()) {
            DrugTable table = DrugTable.load(in, location);
            log.info("Drug table {} loaded: {} products", location, table.size());
            return table;
        }
    }

    /** The schedule sources: the drug table, the shipped substance table, and FDA/RxNorm files if configured. */
    @Bean
    DrugResolver drugResolver(DrugTable drugs, HubProperties props) throws IOException {
        HubProperties.Drugs d = props.drugs();
        long start = System.nanoTime();
        DrugResolver.Builder b = DrugResolver.builder().starter(drugs).unknownDrugPolicy(d.unknownDrugPolicy());
        if (!d.fdaProductFile().isBlank()) {
            b.fdaProductFile(Path.of(d.fdaProductFile()));
        }
        if (!d.rxnormDir().isBlank()) {
            b.rxnormDir(Path.of(d.rxnormDir()));
        }
        DrugResolver resolver = b.build();
        log.info(
                "DEA schedule sources loaded in {} ms: {}",
                (System.nanoTime() - start) / 1_000_000,
                resolver.summary());
        return resolver;
    }
}
