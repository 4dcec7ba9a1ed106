package io.rxflow.hub;

import io.rxflow.hub.config.SchemaCheckCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts RxFlow Hub: FHIR R5 prescriptions in over REST, NCPDP SCRIPT out to pharmacies. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RxFlowHubApplication {

    public static void main(String[] args) {
        if (args.length > 0 && SchemaCheckCommand.OPTION.equals(args[0])) {
            System.exit(SchemaCheckCommand.run(args, System.out, System.err));
        }
        SpringApplication.run(RxFlowHubApplication.class, args);
    }
}
