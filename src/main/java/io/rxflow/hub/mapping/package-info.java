/**
 * FHIR R5 to NCPDP SCRIPT NewRx: the mapper (plain Java over the HAPI model and the SCRIPT JAXB model),
 * one class per SCRIPT segment, the Sig in text and structured form, and the refusals when SCRIPT cannot
 * carry an order. No Camel, no Spring.
 *
 * <p>May call: support, script, drugs.
 */
package io.rxflow.hub.mapping;
