/**
 * The validation rules of an order, one class per party (patient, prescriber, pharmacy, medication,
 * order, free text): every broken rule with its FHIRPath and rule code, as {@code 422}.
 *
 * <p>May call: support, drugs.
 */
package io.rxflow.hub.intake.validation;
