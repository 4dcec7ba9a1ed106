package io.rxflow.hub.config;

import io.rxflow.hub.drugs.DrugTable;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** The drug reference data (DEA schedule, NDC), read from {@code rxflow.drugs.*}. */
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
}
