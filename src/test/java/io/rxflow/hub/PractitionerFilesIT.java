package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 14: the practitioner directory loaded at start from the files an operator names
 * ({@code rxflow.practitioners.files}), Synthea's practitionerInformation and hospitalInformation.
 */
@TestPropertySource(
        properties =
                "rxflow.practitioners.files=classpath:fixtures/intake/r4/directory/synthea-practitioner-information.json,"
                        + " classpath:fixtures/intake/r4/directory/synthea-hospital-information.json")
class PractitionerFilesIT extends HubIntegrationTest {

    @Test
    void loadsTheConfiguredFilesAtStartSoARecordFindsItsRequester() {
        assertThat(jdbc.queryForList(
                        "SELECT resource_type FROM practitioner_directory ORDER BY resource_type", String.class))
                .containsExactly("Organization", "Practitioner", "Practitioner");

        var response = hub().post(
                        "/fhir/r4", "application/fhir+json", SyntheaBundles.wholeRecord(5, "SYN-FILES", false, true));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(FhirContext.forR4Cached()
                        .newJsonParser()
                        .parseResource(Bundle.class, response.body())
                        .getEntry())
                .filteredOn(e -> "201 Created".equals(e.getResponse().getStatus()))
                .hasSize(SyntheaBundles.ACTIVE_ORDERS.size());
    }
}
