package io.rxflow.hub;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Timing;

/**
 * A whole patient record in the shape Synthea writes (FHIR R4 transaction, {@code urn:uuid} fullUrls,
 * conditional references to the Practitioner and Organizations by identifier, many resource types),
 * with a few MedicationRequests that are active orders among stopped ones and plans. Unlike Synthea's
 * own output, the active orders carry directions text, a dispense quantity, the pharmacy
 * ({@code dispenseRequest.performer}) and the reason as a code, and the prescriber a phone number:
 * a NewRx needs them.
 */
public final class SyntheaBundles {
    /**
     * A valid NPI. Synthea's own (9999999999 and its 99999... range) can never pass: an NPI starts with
     * 1 or 2 and ends with a Luhn check digit.
     */
    public static final String NPI = "1999999992";

    public static final String PRACTITIONER_BY_NPI = "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|" + NPI;
    public static final String PHARMACY_BY_NCPDP =
            "Organization?identifier=http://terminology.hl7.org/CodeSystem/NCPDPProviderIdentificationNumber|1234563";

    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

    private SyntheaBundles() {}

    /** The drugs of the active orders, in order: RxNorm code and name. */
    public static final List<String[]> ACTIVE_ORDERS = List.of(
            new String[] {"314076", "lisinopril 10 MG Oral Tablet"},
            new String[] {"861007", "24 HR metformin hydrochloride 500 MG Extended Release Oral Tablet"});

    /** The record as R4 JSON: {@code encounters} encounters with vitals, conditions and immunizations. */
    public static String wholeRecord(int encounters, String orderPrefix) {
        return wholeRecord(encounters, orderPrefix, true, true);
    }

    /**
     * The record without its Practitioner entry (the requester is found in the practitioner directory, as
     * when Synthea writes practitionerInformation*.json apart) and/or without a pharmacy (as Synthea writes
     * every MedicationRequest: no {@code dispenseRequest.performer}).
     */
    public static String wholeRecord(int encounters, String orderPrefix, boolean practitionerEntry, boolean pharmacy) {
        var bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        var patient = add(bundle, patient(), null);
        if (practitionerEntry) {
            add(bundle, practitioner(), "identifier=http://hl7.org/fhir/sid/us-npi|" + NPI);
        }
        if (pharmacy) {
            add(
                    bundle,
                    pharmacy(),
                    "identifier=http://terminology.hl7.org/CodeSystem/NCPDPProviderIdentificationNumber|1234563");
        }
        List<Reference> visits = new ArrayList<>();
        for (int i = 0; i < encounters; i++) {
            var encounter = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED);
            encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", null));
            encounter.addType(concept("http://snomed.info/sct", "185349003", "Encounter for check up"));
            encounter.setSubject(patient);
            encounter.addParticipant().setIndividual(new Reference(PRACTITIONER_BY_NPI));
            var visit = add(bundle, encounter, null);
            visits.add(visit);
            for (String[] vital : new String[][] {{"8302-2", "Body Height", "cm"}, {"29463-7", "Body Weight", "kg"}}) {
                var obs = new Observation().setStatus(Observation.ObservationStatus.FINAL);
                obs.setCode(concept("http://loinc.org", vital[0], vital[1]));
                obs.setSubject(patient).setEncounter(visit);
                obs.setValue(new Quantity()
                        .setValue(70 + i % 7)
                        .setUnit(vital[2])
                        .setSystem("http://unitsofmeasure.org")
                        .setCode(vital[2]));
                add(bundle, obs, null);
            }
            if (i % 10 == 0) {
                var imm = new Immunization().setStatus(Immunization.ImmunizationStatus.COMPLETED);
                imm.setVaccineCode(concept("http://hl7.org/fhir/sid/cvx", "140", "Influenza, seasonal"));
                imm.setPatient(patient).setEncounter(visit).setOccurrence(new DateTimeType("2025-10-0" + (1 + i % 9)));
                add(bundle, imm, null);
            }
        }
        var hypertension = new Condition().setSubject(patient).setEncounter(visits.get(0));
        hypertension.setCode(concept("http://snomed.info/sct", "59621000", "Essential hypertension"));
        var condition = add(bundle, hypertension, null);
        // Past prescriptions and a plan: in the record, not orders to send.
        add(
                bundle,
                order(patient, visits.get(0), condition, "314076", "lisinopril 10 MG Oral Tablet", orderPrefix + "-OLD")
                        .setStatus(MedicationRequest.MedicationRequestStatus.STOPPED),
                null);
        add(
                bundle,
                order(patient, visits.get(0), condition, "861007", "metformin", orderPrefix + "-PLAN")
                        .setIntent(MedicationRequest.MedicationRequestIntent.PLAN),
                null);
        for (int i = 0; i < ACTIVE_ORDERS.size(); i++) {
            String[] drug = ACTIVE_ORDERS.get(i);
            var order =
                    order(patient, visits.get(visits.size() - 1), condition, drug[0], drug[1], orderPrefix + "-" + i);
            if (!pharmacy) {
                order.getDispenseRequest().setPerformer(null);
            }
            add(bundle, order, null);
        }
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle);
    }

    private static MedicationRequest order(
            Reference patient, Reference encounter, Reference reason, String rxnorm, String name, String number) {
        var mr = new MedicationRequest()
                .setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        mr.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.3.1234.1").setValue(number);
        mr.setMedication(concept(RXNORM, rxnorm, name));
        // Synthea writes reasonReference to a Condition entry; the mapper takes only contained Conditions,
        // so the reason goes as a code, as many EHRs send it.
        mr.setSubject(patient)
                .setEncounter(encounter)
                .addReasonCode(concept("http://snomed.info/sct", "59621000", "Essential hypertension"));
        mr.setAuthoredOnElement(new DateTimeType("2026-04-01T10:00:00-05:00"));
        mr.setRequester(new Reference(PRACTITIONER_BY_NPI).setDisplay("Dr. Emmett Kuhic"));
        var dosage = new Dosage().setSequence(1).setText("Take 1 tablet by mouth once daily");
        dosage.setTiming(new Timing()
                .setRepeat(new Timing.TimingRepeatComponent()
                        .setFrequency(1)
                        .setPeriod(1)
                        .setPeriodUnit(Timing.UnitsOfTime.D)));
        dosage.setAsNeeded(new org.hl7.fhir.r4.model.BooleanType(false));
        dosage.addDoseAndRate()
                .setDose(new Quantity()
                        .setValue(1)
                        .setUnit("tablet")
                        .setSystem("http://unitsofmeasure.org")
                        .setCode("{tbl}"));
        mr.addDosageInstruction(dosage);
        var dispense = mr.getDispenseRequest();
        dispense.setNumberOfRepeatsAllowed(2);
        dispense.setQuantity(new Quantity()
                .setValue(30)
                .setUnit("tablet")
                .setSystem("http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl")
                .setCode("C48542"));
        dispense.setPerformer(new Reference(PHARMACY_BY_NCPDP));
        return mr;
    }

    private static Extension omb(String url, String code, String display) {
        var e = new Extension(url);
        e.addExtension(new Extension("ombCategory", new Coding("urn:oid:2.16.840.1.113883.6.238", code, display)));
        e.addExtension(new Extension("text", new StringType(display)));
        return e;
    }

    private static Patient patient() {
        var p = new Patient();
        p.addExtension(omb("http://hl7.org/fhir/us/core/StructureDefinition/us-core-race", "2106-3", "White"));
        p.addExtension(omb(
                "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity",
                "2186-5",
                "Not Hispanic or Latino"));
        p.addIdentifier()
                .setSystem("https://github.com/synthetichealth/synthea")
                .setValue(UUID.randomUUID().toString());
        p.addIdentifier()
                .setType(concept("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical Record Number"))
                .setSystem("http://hospital.smarthealthit.org")
                .setValue("MRN-SYN-0001");
        p.addName()
                .setUse(org.hl7.fhir.r4.model.HumanName.NameUse.OFFICIAL)
                .setFamily("Kertzmann")
                .addGiven("Delbert");
        p.setGender(Enumerations.AdministrativeGender.MALE);
        p.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1962-07-14"));
        p.addAddress()
                .addLine("889 Bruen Way")
                .setCity("Boston")
                .setState("MA")
                .setPostalCode("02118")
                .setCountry("US");
        return p;
    }

    private static Practitioner practitioner() {
        var p = new Practitioner();
        p.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue(NPI);
        p.addName().setFamily("Kuhic").addGiven("Emmett").addPrefix("Dr.");
        // Synthea gives practitioners an email only; a NewRx needs the prescriber's phone.
        p.addTelecom()
                .setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE)
                .setValue("978-555-0100");
        p.addAddress()
                .addLine("60 Hospital Road")
                .setCity("Leominster")
                .setState("MA")
                .setPostalCode("01453");
        return p;
    }

    private static Organization pharmacy() {
        var o = new Organization().setName("Barton Creek Pharmacy");
        o.addIdentifier()
                .setSystem("http://terminology.hl7.org/CodeSystem/NCPDPProviderIdentificationNumber")
                .setValue("1234563");
        o.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue("1558598797");
        o.addTelecom()
                .setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE)
                .setValue("512-555-0188");
        o.addAddress()
                .addLine("2901 S Capital of Texas Hwy")
                .setCity("Austin")
                .setState("TX")
                .setPostalCode("78746");
        return o;
    }

    private static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display)).setText(display);
    }

    /** Adds an entry under a fresh urn:uuid (conditionally created when {@code ifNoneExist} is given). */
    private static Reference add(Bundle bundle, Resource r, String ifNoneExist) {
        String fullUrl = "urn:uuid:" + UUID.randomUUID();
        var request = bundle.addEntry()
                .setFullUrl(fullUrl)
                .setResource(r)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl(r.fhirType());
        if (ifNoneExist != null) {
            request.setIfNoneExist(ifNoneExist);
        }
        return new Reference(fullUrl);
    }
}
