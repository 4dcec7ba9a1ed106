package io.rxflow.hub.intake;

import io.rxflow.hub.intake.validation.ValidationFailedException;
import io.rxflow.hub.script.ScriptValidationException;
import io.rxflow.hub.support.Violation;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A failure of the SCRIPT intake as the SCRIPT Error that answers it. A broken FHIR rule of the mapped
 * prescription (the same validator as every FHIR submission) is named by the XPath of the SCRIPT element
 * it came from, found by the longest FHIRPath prefix in {@link #XPATHS}.
 */
final class ScriptErrors {
    private static final String NEWRX = ScriptIntakeParser.NEWRX;
    private static final String PATIENT = NEWRX + "/Patient/HumanPatient";
    private static final String PRESCRIBER = NEWRX + "/Prescriber/NonVeterinarian";
    private static final String MED = NEWRX + "/MedicationPrescribed";

    /** FHIRPath (without indexes) of the reverse mapping's output to the SCRIPT element it came from. */
    static final Map<String, String> XPATHS = Map.ofEntries(
            Map.entry("Patient", PATIENT),
            Map.entry("Patient.identifier", PATIENT + "/Identification"),
            Map.entry("Patient.name", PATIENT + "/Names/Name"),
            Map.entry("Patient.name.family", PATIENT + "/Names/Name/LastName"),
            Map.entry("Patient.name.given", PATIENT + "/Names/Name/FirstName"),
            Map.entry("Patient.gender", PATIENT + "/GenderAndSex/AdministrativeGender"),
            Map.entry("Patient.birthDate", PATIENT + "/DateOfBirth"),
            Map.entry("Patient.address", PATIENT + "/Address"),
            Map.entry("Patient.telecom", PATIENT + "/CommunicationNumbers"),
            Map.entry("Practitioner", PRESCRIBER),
            Map.entry("Practitioner.identifier", PRESCRIBER + "/Identification"),
            Map.entry("Practitioner.name", PRESCRIBER + "/Names/Name"),
            Map.entry("Practitioner.address", PRESCRIBER + "/Address"),
            Map.entry("Practitioner.telecom", PRESCRIBER + "/CommunicationNumbers"),
            Map.entry("Organization", NEWRX + "/Pharmacy"),
            Map.entry("Organization.identifier", NEWRX + "/Pharmacy/Identification"),
            Map.entry("Organization.name", NEWRX + "/Pharmacy/BusinessName"),
            Map.entry("Organization.contact", NEWRX + "/Pharmacy/CommunicationNumbers"),
            Map.entry("Medication", MED + "/Product"),
            Map.entry("Medication.code", MED + "/Product/DrugCoded"),
            Map.entry("Medication.code.text", MED + "/DrugDescription"),
            Map.entry("Medication.extension", MED + "/Product/DrugCoded/DEASchedule"),
            Map.entry("MedicationRequest", MED),
            Map.entry("MedicationRequest.identifier", "/Message/Header/PrescriberOrderNumber"),
            Map.entry("MedicationRequest.medication", MED + "/Product/DrugCoded"),
            Map.entry("MedicationRequest.authoredOn", MED + "/WrittenDate"),
            Map.entry("MedicationRequest.dispenseRequest.quantity", MED + "/Quantity"),
            Map.entry("MedicationRequest.dispenseRequest.numberOfRepeatsAllowed", MED + "/NumberOfRefills"),
            Map.entry("MedicationRequest.dispenseRequest.expectedSupplyDuration", MED + "/DaysSupply"),
            Map.entry("MedicationRequest.dispenseRequest.validityPeriod", MED + "/OtherMedicationDates"),
            Map.entry("MedicationRequest.substitution", MED + "/Substitutions"),
            Map.entry("MedicationRequest.reason", MED + "/Diagnosis"),
            Map.entry("MedicationRequest.note", MED + "/Note"),
            Map.entry("MedicationRequest.renderedDosageInstruction", MED + "/Sig/SigText"),
            Map.entry("MedicationRequest.dosageInstruction", MED + "/Sig/SigText"));

    private ScriptErrors() {}

    /** The Error for any failure of the SCRIPT intake. */
    static ScriptRejectedException of(Throwable e) {
        while (e instanceof org.apache.camel.RuntimeCamelException && e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        if (e instanceof ScriptRejectedException s) {
            return s;
        }
        if (e instanceof ValidationFailedException v) {
            Violation first = v.violations().get(0);
            String code = first.rule().startsWith("refills") ? "144" : "2000";
            List<String> codes = code.equals("2000") ? List.of("2000") : List.of("2000", code);
            return new ScriptRejectedException(422, "900", codes, xpath(first.expression()), first.rule());
        }
        if (e instanceof ScriptValidationException) {
            return ScriptRejectedException.rejected(400, "500", "/", "malformed-input");
        }
        if (e instanceof IntakeBusyException || databaseUnavailable(e)) {
            // 600: communication problem, try again later; the MessageID makes the resend safe.
            return new ScriptRejectedException(503, "600", List.of(), null, "unavailable");
        }
        return new ScriptRejectedException(500, "602", List.of(), null, "internal-error");
    }

    /** The SCRIPT element a FHIRPath of the mapped prescription came from. */
    static String xpath(String fhirPath) {
        if (fhirPath == null) {
            return MED;
        }
        String plain = fhirPath.replaceAll("\\[[0-9]+]", "").replaceAll("\\.(where|extension)\\(.*$", ".$1");
        String best = null;
        for (String prefix : XPATHS.keySet()) {
            boolean matches = plain.equals(prefix) || plain.startsWith(prefix + ".");
            if (matches && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? MED : XPATHS.get(best);
    }

    private static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }
}
