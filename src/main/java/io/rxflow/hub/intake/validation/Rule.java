package io.rxflow.hub.intake.validation;

/**
 * The validation rules, each with the stable code that audit counts and callers key on. A code, once
 * published, is never renamed: dashboards and EHR integrations match on it.
 */
public enum Rule {
    RESOURCE_MISSING("resource-missing"),
    // Raised while following the MedicationRequest's references, before the validator runs.
    REFERENCE_UNRESOLVED("reference-unresolved"),
    REFERENCE_WRONG_TYPE("reference-wrong-type"),
    REFERENCE_AMBIGUOUS("reference-ambiguous"),
    PRESCRIBER_NPI_MISSING("prescriber-npi-missing"),
    PRESCRIBER_NPI_INVALID("prescriber-npi-invalid"),
    PRESCRIBER_DEA_MISSING("prescriber-dea-missing"),
    PRESCRIBER_DEA_INVALID("prescriber-dea-invalid"),
    PHARMACY_NCPDP_ID_MISSING("pharmacy-ncpdp-id-missing"),
    PHARMACY_NCPDP_ID_INVALID("pharmacy-ncpdp-id-invalid"),
    PHARMACY_NPI_MISSING("pharmacy-npi-missing"),
    PHARMACY_NPI_INVALID("pharmacy-npi-invalid"),
    PATIENT_NAME_MISSING("patient-name-missing"),
    PATIENT_FAMILY_NAME_MISSING("patient-family-name-missing"),
    PATIENT_GIVEN_NAME_MISSING("patient-given-name-missing"),
    PATIENT_BIRTH_DATE_MISSING("patient-birth-date-missing"),
    PATIENT_BIRTH_DATE_INCOMPLETE("patient-birth-date-incomplete"),
    PATIENT_BIRTH_DATE_IN_FUTURE("patient-birth-date-in-future"),
    PATIENT_GENDER_MISSING("patient-gender-missing"),
    PATIENT_ADDRESS_MISSING("patient-address-missing"),
    PATIENT_ADDRESS_LINE_MISSING("patient-address-line-missing"),
    PATIENT_ADDRESS_CITY_MISSING("patient-address-city-missing"),
    PATIENT_ADDRESS_STATE_INVALID("patient-address-state-invalid"),
    PATIENT_ADDRESS_POSTAL_CODE_INVALID("patient-address-postal-code-invalid"),
    MEDICATION_CODE_MISSING("medication-code-missing"),
    MEDICATION_CODE_SYSTEM_UNSUPPORTED("medication-code-system-unsupported"),
    MEDICATION_NDC_INVALID("medication-ndc-invalid"),
    // DEA schedule (io.rxflow.hub.drugs.DrugResolution): declared vs tables, invalid values, unknown drugs.
    DEA_SCHEDULE_CONFLICT("dea-schedule-conflict"),
    DEA_SCHEDULE_INVALID("dea-schedule-invalid"),
    DRUG_UNKNOWN("drug-unknown"),
    ORDER_INTENT_INVALID("order-intent-invalid"),
    ORDER_STATUS_NOT_ACTIVE("order-status-not-active"),
    ORDER_DO_NOT_PERFORM("order-do-not-perform"),
    ORDER_REPORTED("order-reported"),
    WRITTEN_DATE_MISSING("written-date-missing"),
    WRITTEN_DATE_INCOMPLETE("written-date-incomplete"),
    WRITTEN_DATE_IN_FUTURE("written-date-in-future"),
    QUANTITY_MISSING("quantity-missing"),
    QUANTITY_NOT_POSITIVE("quantity-not-positive"),
    QUANTITY_UNIT_MISSING("quantity-unit-missing"),
    DECIMAL_OUT_OF_RANGE("decimal-out-of-range"),
    REFILLS_CII_NOT_ALLOWED("refills-cii-not-allowed"),
    REFILLS_OVER_CONTROLLED_LIMIT("refills-over-controlled-limit"),
    SIG_TEXT_MISSING("sig-text-missing"),
    NARRATIVE_ACTIVE_CONTENT("narrative-active-content"),
    TEXT_NOT_ASCII("text-not-ascii"),
    TEXT_TOO_LONG("text-too-long");

    private final String code;

    Rule(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
