package io.rxflow.hub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.drugs.DrugResolver;
import io.rxflow.hub.script.ScriptUpgrade;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.script.model.MedicationPrescribedType;
import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.support.NcpdpId;
import io.rxflow.hub.support.PrescriptionResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r5.model.BooleanType;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.ContactPoint;
import org.hl7.fhir.r5.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r5.model.HumanName;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reverse mapper on NewRx messages written the way EHRs and intermediaries write them (every
 * optional part the hub's schema carries, a minimal controlled-substance one, a 2017071 one), and a
 * FHIR to SCRIPT to FHIR round trip over the mapping scenarios.
 */
class ScriptToFhirTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/script-intake");
    private static final ScriptXml XML = new ScriptXml(MappingFixtures.SCHEMAS);
    private static final ScriptToFhir MAPPER = new ScriptToFhir("urn:rxflow:test:state-license");

    @Test
    void mapsEveryPartyOfAFullEhrNewRx() {
        PrescriptionResources r = MAPPER.newRx(message("lisinopril-2023011-full-ehr.xml"));

        var patient = r.patient();
        HumanName official = patient.getName().get(0);
        assertThat(official.getUse()).isEqualTo(HumanName.NameUse.OFFICIAL);
        assertThat(official.getFamily()).isEqualTo("DELACROIX");
        assertThat(official.getGiven()).extracting(Object::toString).containsExactly("MARGARET", "ANNE");
        assertThat(official.getPrefixAsSingleString()).isEqualTo("MRS");
        assertThat(official.getSuffixAsSingleString()).isEqualTo("JR");
        assertThat(patient.getName().get(1).getUse()).isEqualTo(HumanName.NameUse.OLD);
        assertThat(patient.getName().get(1).getFamily()).isEqualTo("OKAFOR");
        assertThat(patient.getGender()).isEqualTo(AdministrativeGender.FEMALE);
        assertThat(patient.getExtensionByUrl(PatientMapper.BIRTH_SEX).getValue().primitiveValue())
                .isEqualTo("F");
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1958-03-22");
        assertThat(patient.getAddressFirstRep().getLine())
                .extracting(Object::toString)
                .containsExactly("4512 ROSEDALE AVE", "APT 3B");
        assertThat(patient.getAddressFirstRep().getPostalCode()).isEqualTo("787562201");
        assertThat(patient.getIdentifier())
                .anySatisfy(i -> {
                    assertThat(i.getType().hasCoding(ScriptPartiesToFhir.V2_0203, "MR"))
                            .isTrue();
                    assertThat(i.getValue()).isEqualTo("MRN00482913");
                })
                .anySatisfy(i -> assertThat(i.getSystem()).isEqualTo(ScriptPartiesToFhir.MBI_SYSTEM));
        assertThat(patient.getTelecom())
                .extracting(ContactPoint::getSystem, ContactPoint::getValue)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(ContactPoint.ContactPointSystem.PHONE, "5125550143"),
                        org.assertj.core.groups.Tuple.tuple(
                                ContactPoint.ContactPointSystem.EMAIL, "m.delacroix@example.org"));

        var prescriber = r.practitioner();
        assertThat(prescriber.getIdentifier())
                .extracting(Identifier::getSystem, Identifier::getValue)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(PrescriberMapper.NPI_SYSTEM, "1245319599"),
                        org.assertj.core.groups.Tuple.tuple(ScriptPartiesToFhir.DEA_SYSTEM, "BR2609189"),
                        org.assertj.core.groups.Tuple.tuple("urn:rxflow:test:state-license", "TXQ4471"));
        assertThat(prescriber
                        .getQualificationFirstRep()
                        .getCode()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("207Q00000X");
        assertThat(prescriber.getAddressFirstRep().getLine()).hasSize(2);

        var pharmacy = r.pharmacy();
        assertThat(pharmacy.getName()).isEqualTo("BARTON CREEK PHARMACY");
        assertThat(pharmacy.getIdentifier())
                .extracting(Identifier::getSystem, Identifier::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple(NcpdpId.SYSTEM, "1234563"));
        assertThat(pharmacy.getContactFirstRep().getTelecom())
                .extracting(ContactPoint::getSystem)
                .containsExactly(ContactPoint.ContactPointSystem.PHONE, ContactPoint.ContactPointSystem.FAX);
    }

    @Test
    void mapsTheOrderOfAFullEhrNewRx() {
        PrescriptionResources r = MAPPER.newRx(message("lisinopril-2023011-full-ehr.xml"));
        MedicationRequest mr = r.medicationRequest();

        assertThat(mr.getStatus()).isEqualTo(MedicationRequest.MedicationrequestStatus.ACTIVE);
        assertThat(mr.getIntent()).isEqualTo(MedicationRequest.MedicationRequestIntent.ORDER);
        assertThat(mr.getIdentifierFirstRep().getSystem()).isEqualTo(ScriptToFhir.PRESCRIBER_ORDER_NUMBER);
        assertThat(mr.getIdentifierFirstRep().getValue()).isEqualTo("ORD-88213-1");
        assertThat(mr.getAuthoredOnElement().getValueAsString()).isEqualTo("2026-12-04");
        Quantity q = mr.getDispenseRequest().getQuantity();
        assertThat(q.getValue()).isEqualByComparingTo("90");
        assertThat(q.getSystem()).isEqualTo(QuantityUnits.NCI_SYSTEM);
        assertThat(q.getCode()).isEqualTo("C48542");
        assertThat(mr.getDispenseRequest().getExpectedSupplyDuration().getValue())
                .isEqualByComparingTo("90");
        assertThat(mr.getDispenseRequest().getNumberOfRepeatsAllowed()).isEqualTo(3);
        assertThat(mr.getDispenseRequest().getValidityPeriod().getStartElement().getValueAsString())
                .isEqualTo("2026-12-10");
        assertThat(mr.getDispenseRequest().getValidityPeriod().getEndElement().getValueAsString())
                .isEqualTo("2027-12-04");
        // Substitution allowed, therapeutic substitution not: v3 TE.
        assertThat(((CodeableConcept) mr.getSubstitution().getAllowed())
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("TE");
        assertThat(mr.getReason()).hasSize(2);
        assertThat(mr.getReason().get(0).getConcept().getCodingFirstRep().getSystem())
                .isEqualTo(DiagnosisMapper.ICD10CM);
        assertThat(mr.getReason().get(1).getConcept().getCodingFirstRep().getSystem())
                .isEqualTo(DiagnosisMapper.SNOMED);
        assertThat(mr.getNoteFirstRep().getText()).isEqualTo("Patient prefers blister packs.");
        assertThat(mr.getRenderedDosageInstruction()).isEqualTo("Take 1 tablet by mouth once daily.");

        var medication = r.medication();
        assertThat(medication.getCode().getText()).isEqualTo("Lisinopril 10 MG Oral Tablet");
        assertThat(medication.getCode().getCoding())
                .extracting(Coding::getSystem, Coding::getCode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(MedicationMapper.NDC_SYSTEM, "50090298800"),
                        org.assertj.core.groups.Tuple.tuple(MedicationMapper.RXNORM_SYSTEM, "314076"));
        assertThat(medication.getDoseForm().getCodingFirstRep().getCode()).isEqualTo("C42998");
        assertThat(medication.getIngredientFirstRep().getStrengthQuantity().getValue())
                .isEqualByComparingTo("10");
        assertThat(medication.getExtensionByUrl(DrugResolver.DEA_SCHEDULE_EXTENSION))
                .isNull();
        // Parties are contained in the MedicationRequest under fixed ids.
        assertThat(mr.getSubject().getReference()).isEqualTo("#patient");
        assertThat(mr.getRequester().getReference()).isEqualTo("#practitioner");
        assertThat(mr.getDispenseRequest().getDispenser().getReference()).isEqualTo("#pharmacy");
        assertThat(mr.getMedication().getReference().getReference()).isEqualTo("#medication");
        assertThat(mr.getContained()).hasSize(4);
    }

    @Test
    void carriesTheDeclaredScheduleAndADateTimeWrittenDate() {
        PrescriptionResources r = MAPPER.newRx(message("oxycodone-cii-2023011-minimal.xml"));

        Coding schedule = (Coding) r.medication()
                .getExtensionByUrl(DrugResolver.DEA_SCHEDULE_EXTENSION)
                .getValue();
        assertThat(schedule.getCode()).isEqualTo("C48675");
        assertThat(r.medicationRequest().getAuthoredOnElement().getValueAsString())
                .isEqualTo("2026-12-04T16:11:42Z");
        assertThat(r.medicationRequest().getDispenseRequest().getNumberOfRepeatsAllowed())
                .isZero();
        assertThat(((BooleanType) r.medicationRequest().getSubstitution().getAllowed()).booleanValue())
                .isTrue();
        assertThat(r.pharmacy().hasContact()).isTrue();
        assertThat(r.patient().getAddressFirstRep().hasCountry()).isFalse();
    }

    @Test
    void mapsA2017071NewRxConvertedByTheStylesheet() {
        assertThat(MappingFixtures.SCHEMAS.fault2017071(read("metformin-2017071-surescripts-style.xml")))
                .isEmpty();
        var upgraded = new ScriptUpgrade(MappingFixtures.SETTINGS)
                .toScript2023011(read("metformin-2017071-surescripts-style.xml"));
        assertThat(MappingFixtures.SCHEMAS.fault2023011(upgraded.xml())).isEmpty();
        assertThat(upgraded.notes()).anySatisfy(n -> assertThat(n).contains("PatientAccountNumber"));

        PrescriptionResources r = MAPPER.newRx(XML.unmarshal(upgraded.xml()));

        assertThat(r.patient().getName().get(0).getFamily()).isEqualTo("WASHINGTON");
        assertThat(r.patient().getGender()).isEqualTo(AdministrativeGender.MALE);
        assertThat(r.patient().getIdentifier())
                .anySatisfy(i -> assertThat(i.getValue()).isEqualTo("3EG4TE5MK74"));
        assertThat(r.medication().getCode().getCoding())
                .extracting(Coding::getCode)
                .containsExactly("65841002801", "861007");
        MedicationRequest mr = r.medicationRequest();
        assertThat(((BooleanType) mr.getSubstitution().getAllowed()).booleanValue())
                .isFalse();
        assertThat(mr.getReason())
                .extracting(reason -> reason.getConcept().getCodingFirstRep().getCode())
                .containsExactly("E11.9", "E78.5");
        assertThat(mr.getDispenseRequest().getValidityPeriod().getEndElement().getValueAsString())
                .isEqualTo("2027-06-04");
        assertThat(r.practitioner().getTelecomFirstRep().getValue()).isEqualTo("5125550190");
    }

    /** FHIR to SCRIPT to FHIR to SCRIPT: the second NewRx says what the first said. */
    @ParameterizedTest
    @MethodSource("mappedScenarios")
    void roundTripsEveryMappedScenario(String scenario) {
        NewRxMapper forward = MappingFixtures.mapper();
        MappingResult first =
                forward.map(MappingFixtures.load(scenario), MappingFixtures.MESSAGE_ID, MappingFixtures.SENT);
        assertThat(first.violations()).as(scenario).isEmpty();

        PrescriptionResources back = MAPPER.newRx(first.message());
        MappingResult second = forward.map(back, MappingFixtures.MESSAGE_ID, MappingFixtures.SENT);

        assertThat(second.violations()).as(scenario).isEmpty();
        var a = first.message().getBody().getNewRx();
        var b = second.message().getBody().getNewRx();
        assertThat(XML.marshal(second.message())).as(scenario).isNotEmpty();
        assertThat(b.getPatient()).as(scenario).usingRecursiveComparison().isEqualTo(a.getPatient());
        assertThat(b.getPharmacy()).as(scenario).usingRecursiveComparison().isEqualTo(a.getPharmacy());
        assertThat(b.getPrescriber()).as(scenario).usingRecursiveComparison().isEqualTo(a.getPrescriber());
        MedicationPrescribedType ma = a.getMedicationPrescribed();
        MedicationPrescribedType mb = b.getMedicationPrescribed();
        assertThat(mb)
                .as(scenario)
                .usingRecursiveComparison()
                .ignoringFields(
                        "sig.codeSystem", "sig.multipleInstructionModifierAndInstruction", "sig.indicationForUse")
                .isEqualTo(ma);
        assertThat(second.message().getHeader().getPrescriberOrderNumber())
                .isEqualTo(first.message().getHeader().getPrescriberOrderNumber());
    }

    static java.util.stream.Stream<String> mappedScenarios() {
        return MappingFixtures.scenarios(false);
    }

    private static Message message(String name) {
        assertThat(MappingFixtures.SCHEMAS.fault2023011(read(name))).as(name).isEmpty();
        return XML.unmarshal(read(name));
    }

    private static String read(String name) {
        try {
            return Files.readString(FIXTURES.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
