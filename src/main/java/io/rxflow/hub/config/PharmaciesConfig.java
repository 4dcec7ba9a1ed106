package io.rxflow.hub.config;

import io.rxflow.hub.pharmacies.PharmacyDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;

/** The pharmacy directory, read from {@code rxflow.pharmacies.file}. */
@Configuration(proxyBeanMethods = false)
class PharmaciesConfig {

    @Bean
    PharmacyDirectory pharmacyDirectory(HubProperties props, ResourceLoader loader, ConfigurableEnvironment env) {
        boolean production = java.util.Arrays.asList(env.getActiveProfiles()).contains(RequiredSettings.PROFILE);
        return new PharmacyDirectory(loader.getResource(props.pharmacies().file()), env, production);
    }
}
