package io.rxflow.hub.config;

import io.rxflow.hub.drugs.DrugResolver;
import io.rxflow.hub.drugs.DrugTable;
import io.rxflow.hub.mapping.NewRxMapper;
import io.rxflow.hub.mapping.ScriptToFhir;
import io.rxflow.hub.script.ScriptSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The FHIR to SCRIPT mapper, plain Java built from the SCRIPT settings and the drug reference data. */
@Configuration(proxyBeanMethods = false)
class MappingConfig {

    @Bean
    NewRxMapper newRxMapper(ScriptSettings settings, DrugTable drugs, DrugResolver resolver) {
        return new NewRxMapper(settings, drugs, resolver);
    }

    /** SCRIPT to FHIR R5, for NewRx intake and the MedicationPrescribed of pharmacy requests. */
    @Bean
    ScriptToFhir scriptToFhir(ScriptSettings settings) {
        return new ScriptToFhir(settings.stateLicenseSystem());
    }
}
