/**
 * FHIR R5 to NCPDP SCRIPT NewRx: the mapper (plain Java over the HAPI model and the SCRIPT JAXB model),
 * one class per SCRIPT segment, the Sig in text and structured form, and the refusals when SCRIPT cannot
 * carry an order; and the reverse, SCRIPT to FHIR R5 ({@link io.rxflow.hub.mapping.ScriptToFhir}), for
 * NewRx intake and the MedicationPrescribed of pharmacy requests. No Camel, no Spring.
 *
 * <p>May call: support, script, drugs.
 */
package io.rxflow.hub.mapping;
