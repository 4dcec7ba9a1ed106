package io.rxflow.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.SyntheaBundles;
import io.rxflow.hub.intake.validation.ValidationFailedException;
import io.rxflow.hub.support.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.hl7.fhir.r5.model.Identifier;
import org.junit.jupiter.api.Test;

/**
 * Synthea-shaped R4 transactions: conditional references resolved against the Bundle's own entries, and a
 * whole patient record in which every active order is a prescription and every other entry is accounted for.
 */
class R4BundlesTest {
    private static final String JSON = "application/fhir+json";
    private final R4IntakeParser r4 = new R4IntakeParser(new ObjectMapper(), R4IntakeParser.DEFAULT_MAX_BUNDLE_ENTRIES);

    @Test
    void takesEveryActiveOrderOfAWholeRecordAndSaysWhatBecameOfEachEntry() {
        String record = SyntheaBundles.wholeRecord(100, "SYN-UNIT");

        R4Record read = r4.fromBundle(bytes(record), JSON);

        assertThat(read.size()).isEqualTo(SyntheaBundles.ACTIVE_ORDERS.size());
        IntStream.range(0, read.size()).forEach(i -> {
            var resources = read.request(i).resources();
            assertThat(Envelopes.validator().validate(resources))
                    .as("order %d", i)
                    .isEmpty();
            assertThat(resources.practitioner().getIdentifier())
                    .extracting(Identifier::getValue)
                    .containsExactly(SyntheaBundles.NPI);
            assertThat(resources.pharmacy().getName()).isEqualTo("Barton Creek Pharmacy");
            assertThat(resources
                            .medicationRequest()
                            .getMedication()
                            .getConcept()
                            .getCodingFirstRep()
                            .getCode())
                    .isEqualTo(SyntheaBundles.ACTIVE_ORDERS.get(i)[0]);
        });
        assertThat(read.entries()).hasSizeGreaterThan(200);
        assertThat(read.entries())
                .filteredOn(e -> e.fate() == R4Record.Fate.IGNORED)
                .extracting(R4Record.Entry::note)
                .containsExactlyInAnyOrder(
                        "not taken as a prescription: status 'stopped' (only 'active' orders are sent)",
                        "not taken as a prescription: intent 'plan' (only intent 'order' is a prescription)");
        assertThat(read.entries())
                .filteredOn(e -> e.fate() == R4Record.Fate.PART)
                .extracting(R4Record.Entry::type)
                .containsExactlyInAnyOrder("Patient", "Practitioner", "Organization");
        assertThat(read.entries())
                .filteredOn(e -> e.type().equals("Encounter"))
                .allMatch(e -> e.fate() == R4Record.Fate.NOT_KEPT);
    }

    @Test
    void resolvesSyntheasOwnNpiThenTheValidatorRefusesItsCheckDigit() {
        String record = SyntheaBundles.wholeRecord(1, "SYN-NPI").replace(SyntheaBundles.NPI, "9999999999");

        R4Record read = r4.fromBundle(bytes(record), JSON);

        assertThat(Envelopes.validator().validate(read.request(0).resources()))
                .extracting(Violation::rule)
                .containsExactly("prescriber-npi-invalid");
    }

    @Test
    void refusesAConditionalReferenceThatTwoEntriesMatch() {
        // A second Practitioner entry with the same NPI before Synthea's own.
        String twoPractitioners = SyntheaBundles.wholeRecord(1, "SYN-TWO");
        twoPractitioners = twoPractitioners.replaceFirst(
                "\\{\"fullUrl\":\"(urn:uuid:[^\"]+)\",\"resource\":\\{\"resourceType\":\"Practitioner\"",
                "{\"fullUrl\":\"urn:uuid:00000000-0000-4000-8000-000000000001\",\"resource\":{\"resourceType\":"
                        + "\"Practitioner\",\"identifier\":[{\"system\":\"http://hl7.org/fhir/sid/us-npi\",\"value\":\""
                        + SyntheaBundles.NPI
                        + "\"}]}},{\"fullUrl\":\"$1\",\"resource\":{\"resourceType\":\"Practitioner\"");
        byte[] body = bytes(twoPractitioners);

        var e = catchThrowableOfType(ValidationFailedException.class, () -> r4.fromBundle(body, JSON));

        assertThat(e.violations())
                .extracting(Violation::expression, Violation::rule)
                .contains(org.assertj.core.groups.Tuple.tuple(
                        "MedicationRequest.requester.reference", "reference-ambiguous"));
    }

    @Test
    void refusesAConditionalReferenceNoEntryMatchesNamingTheR4Element() {
        String record = SyntheaBundles.wholeRecord(1, "SYN-NONE")
                .replace(
                        SyntheaBundles.PHARMACY_BY_NCPDP,
                        SyntheaBundles.PHARMACY_BY_NCPDP.replace("1234563", "7654321"));

        var e = catchThrowableOfType(ValidationFailedException.class, () -> r4.fromBundle(bytes(record), JSON));

        assertThat(e.violations())
                .extracting(Violation::expression, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "MedicationRequest.dispenseRequest.performer.reference", "reference-unresolved"));
    }

    @Test
    void findsARequesterTheRecordDoesNotHoldInThePractitionerDirectoryWithoutAnsweringForIt() {
        String record = SyntheaBundles.wholeRecord(2, "SYN-DIR", false, true);
        var listed = new org.hl7.fhir.r5.model.Practitioner();
        listed.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue(SyntheaBundles.NPI);
        listed.addName().setFamily("Kuhic920").addGiven("Emmett242");
        List<String> asked = new ArrayList<>();
        ConditionalReferences.Directory directory = (type, system, value) -> {
            asked.add(type + "?" + system + "|" + value);
            return type.equals("Practitioner") && value.equals(SyntheaBundles.NPI) ? List.of(listed) : List.of();
        };
        var submission = r4.parseBundle(bytes(record), JSON);
        int sent = submission.bundle().getEntry().size();

        R4Record read = r4.record(submission, directory);

        assertThat(read.size()).isEqualTo(SyntheaBundles.ACTIVE_ORDERS.size());
        assertThat(read.request(0).resources().practitioner().getNameFirstRep().getFamily())
                .isEqualTo("Kuhic920");
        assertThat(asked)
                .as("looked up once for both orders")
                .containsExactly("Practitioner?http://hl7.org/fhir/sid/us-npi|" + SyntheaBundles.NPI);
        assertThat(read.entries()).hasSize(sent);
    }

    @Test
    void refusesAConditionalReferenceTwoDirectoryEntriesMatch() {
        String record = SyntheaBundles.wholeRecord(1, "SYN-DIR2", false, true);
        var one = new org.hl7.fhir.r5.model.Practitioner();
        var two = new org.hl7.fhir.r5.model.Practitioner();
        var submission = r4.parseBundle(bytes(record), JSON);

        var e = catchThrowableOfType(
                ValidationFailedException.class,
                () -> r4.record(submission, (type, system, value) -> List.of(one, two)));

        assertThat(e.violations())
                .extracting(Violation::expression, Violation::rule)
                .contains(org.assertj.core.groups.Tuple.tuple(
                        "MedicationRequest.requester.reference", "reference-ambiguous"));
    }

    @Test
    void holdsTheOrdersOfARecordThatNamesNoPharmacy() {
        String record = SyntheaBundles.wholeRecord(2, "SYN-HOLD", true, false);

        R4Record read = r4.fromBundle(bytes(record), JSON);

        assertThat(read.size()).isEqualTo(SyntheaBundles.ACTIVE_ORDERS.size());
        IntStream.range(0, read.size()).forEach(i -> {
            assertThat(read.request(i).held()).isTrue();
            assertThat(new IntakeChecks(Envelopes.validator()).validate(read.request(i)))
                    .isSameAs(read.request(i));
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
