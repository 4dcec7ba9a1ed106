package io.rxflow.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts RxFlow Hub: FHIR R5 prescriptions in over REST, NCPDP SCRIPT out to pharmacies. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RxFlowHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(RxFlowHubApplication.class, args);
    }
}
