package io.rxflow.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.SyntheaBundles;
import io.rxflow.hub.mapping.MappingFixtures;
import io.rxflow.hub.support.Violation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A held order (no pharmacy named) is mapped to the stand-in pharmacy so SCRIPT's refusals come at intake. */
class HeldOrdersTest {
    private final R4IntakeParser r4 = new R4IntakeParser(new ObjectMapper(), R4IntakeParser.DEFAULT_MAX_BUNDLE_ENTRIES);

    @Test
    void mapsEachHeldOrderOfASyntheaRecordToTheStandInPharmacy() {
        R4Record record = r4.fromBundle(
                SyntheaBundles.wholeRecord(2, "SYN-STAND-IN", true, false).getBytes(StandardCharsets.UTF_8),
                "application/fhir+json");

        for (int i = 0; i < record.size(); i++) {
            IntakeRequest held = record.request(i);
            IntakeRequest standIn = new HeldOrders().withStandInPharmacy(held);

            assertThat(held.held()).isTrue();
            assertThat(standIn.held()).isFalse();
            var result =
                    MappingFixtures.mapper().map(standIn.resources(), MappingFixtures.MESSAGE_ID, MappingFixtures.SENT);
            assertThat(result.violations()).extracting(Violation::message).isEmpty();
            assertThat(held.resources().pharmacy())
                    .as("the request itself keeps no pharmacy")
                    .isNull();
        }
    }

    @Test
    void refusesForAHeldOrderWhatScriptCannotCarry() {
        String record = SyntheaBundles.wholeRecord(1, "SYN-STAND-IN-QTY", true, false)
                .replace("\"quantity\":{\"value\":30,", "\"quantity\":{\"value\":30.123456789012,");
        R4Record read = r4.fromBundle(record.getBytes(StandardCharsets.UTF_8), "application/fhir+json");

        var result = MappingFixtures.mapper()
                .map(
                        new HeldOrders().withStandInPharmacy(read.request(0)).resources(),
                        MappingFixtures.MESSAGE_ID,
                        MappingFixtures.SENT);

        assertThat(result.isMapped()).isFalse();
        assertThat(result.violations())
                .extracting(Violation::expression)
                .containsExactly("MedicationRequest.dispenseRequest.quantity.value");
    }
}
