package io.rxflow.hub.support;

import org.hl7.fhir.r5.model.Medication;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Organization;
import org.hl7.fhir.r5.model.Patient;
import org.hl7.fhir.r5.model.Practitioner;

/**
 * The FHIR R5 resources of one prescription, whatever shape they arrived in (envelope, contained
 * resources or transaction Bundle). {@code medication} is null when the order codes the drug inline in
 * {@code MedicationRequest.medication.concept}.
 */
public record PrescriptionResources(
        MedicationRequest medicationRequest,
        Patient patient,
        Practitioner practitioner,
        Organization pharmacy,
        Medication medication) {}
