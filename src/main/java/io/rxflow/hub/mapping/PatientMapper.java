package io.rxflow.hub.mapping;

import io.rxflow.hub.script.model.DateType;
import io.rxflow.hub.script.model.GenderAndSexType;
import io.rxflow.hub.script.model.HumanPatientType;
import io.rxflow.hub.script.model.PatientIdentificationType;
import io.rxflow.hub.script.model.PatientType;
import java.time.LocalDate;
import org.hl7.fhir.r5.model.Address;
import org.hl7.fhir.r5.model.Enumerations;
import org.hl7.fhir.r5.model.Extension;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.Patient;

/** FHIR Patient to SCRIPT Patient/HumanPatient. */
final class PatientMapper {
    static final String BIRTH_SEX = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex";
    private static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";

    private PatientMapper() {}

    static PatientType map(Patient p, Refusals r) {
        var human = new HumanPatientType();
        human.setIdentification(identification(p, r));
        human.setNames(Parties.names(p.getName(), "Patient", r));
        human.setGenderAndSex(genderAndSex(p, r));
        human.setDateOfBirth(birthDate(p, r));
        human.setAddress(Parties.address(p.getAddress(), Address.AddressUse.HOME, "Patient.address", true, r));
        human.setCommunicationNumbers(Parties.numbers(p.getTelecom(), "Patient.telecom", false, r));
        var patient = new PatientType();
        patient.setHumanPatient(human);
        return patient;
    }

    /** Only the EHR's medical record number: the hub has no use for SSNs or payer IDs here. */
    private static PatientIdentificationType identification(Patient p, Refusals r) {
        for (int i = 0; i < p.getIdentifier().size(); i++) {
            Identifier id = p.getIdentifier().get(i);
            if (id.getType().hasCoding(V2_0203, "MR")) {
                var ident = new PatientIdentificationType();
                ident.setMedicalRecordIdentificationNumberEHR(
                        r.text(id.getValue(), "Patient.identifier[" + i + "].value", 35));
                return ident.getMedicalRecordIdentificationNumberEHR() == null ? null : ident;
            }
        }
        return null;
    }

    private static GenderAndSexType genderAndSex(Patient p, Refusals r) {
        var g = new GenderAndSexType();
        // An absent gender is "not specified", which is exactly what U means.
        g.setAdministrativeGender(
                switch (p.hasGender() ? p.getGender() : Enumerations.AdministrativeGender.UNKNOWN) {
                    case MALE -> "M";
                    case FEMALE -> "F";
                    case OTHER -> "N";
                    default -> "U";
                });
        Extension birthSex = p.getExtensionByUrl(BIRTH_SEX);
        if (birthSex != null) {
            String code =
                    birthSex.getValue() == null ? null : birthSex.getValue().primitiveValue();
            String sab = code == null
                    ? null
                    : switch (code) {
                        case "F", "M" -> code;
                        case "UNK" -> "U";
                        default -> null;
                    };
            if (sab == null) {
                r.add("Patient.extension('" + BIRTH_SEX + "')", "birth sex must be F, M or UNK", "birth-sex-code");
            }
            g.setSexAssignedAtBirth(sab);
        }
        return g;
    }

    private static DateType birthDate(Patient p, Refusals r) {
        if (!p.hasBirthDateElement()) {
            r.missing("Patient.birthDate", "The date of birth");
            return null;
        }
        LocalDate dob = ScriptDates.asAuthored(p.getBirthDateElement());
        if (dob == null) {
            r.add("Patient.birthDate", "must be a full date (year, month and day)", "date-precision");
            return null;
        }
        return ScriptDates.date(dob);
    }
}
