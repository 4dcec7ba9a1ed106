package io.rxflow.hub.intake;

import io.rxflow.hub.practitioners.PractitionerDirectory;
import org.apache.camel.Body;
import org.springframework.stereotype.Component;

/**
 * Step of {@code rx-submit-fhir-r4-bundle}: the prescriptions of an R4 Bundle, with its conditional
 * references to Practitioners and Organizations it does not hold looked up in the practitioner directory.
 */
@Component("r4BundleIntake")
public class R4BundleIntake {
    private final R4IntakeParser parser;
    private final PractitionerDirectory directory;

    public R4BundleIntake(R4IntakeParser parser, PractitionerDirectory directory) {
        this.parser = parser;
        this.directory = directory;
    }

    public R4Record record(@Body R4Submission submission) {
        return parser.record(submission, directory::find);
    }
}
