package io.rxflow.hub.mapping;

import io.rxflow.hub.script.model.GenderAndSexType;
import io.rxflow.hub.script.model.HumanPatientType;
import io.rxflow.hub.script.model.NonVeterinarianType;
import io.rxflow.hub.script.model.PatientIdentificationType;
import io.rxflow.hub.script.model.PharmacyType;
import io.rxflow.hub.script.model.PrescriberIdentificationType;
import io.rxflow.hub.support.NcpdpId;
import java.util.List;
import org.hl7.fhir.r5.model.Address;
import org.hl7.fhir.r5.model.CodeType;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.ContactPoint.ContactPointUse;
import org.hl7.fhir.r5.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r5.model.ExtendedContactDetail;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.Organization;
import org.hl7.fhir.r5.model.Patient;
import org.hl7.fhir.r5.model.Practitioner;

/** SCRIPT Patient, Prescriber and Pharmacy to FHIR Patient, Practitioner and Organization. */
final class ScriptPartiesToFhir {
    static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";
    static final String DEA_SYSTEM = "http://terminology.hl7.org/NamingSystem/USDEANumber";
    static final String MBI_SYSTEM = "http://hl7.org/fhir/sid/us-mbi";
    static final String SSN_SYSTEM = "http://hl7.org/fhir/sid/us-ssn";
    static final String NUCC_SYSTEM = "http://nucc.org/provider-taxonomy";

    private final String stateLicenseSystem;

    ScriptPartiesToFhir(String stateLicenseSystem) {
        this.stateLicenseSystem = stateLicenseSystem;
    }

    Patient patient(HumanPatientType h) {
        var p = new Patient();
        PatientIdentificationType ids = h.getIdentification();
        if (ids != null) {
            typed(p.getIdentifier(), "MR", ids.getMedicalRecordIdentificationNumberEHR());
            system(p.getIdentifier(), MBI_SYSTEM, ids.getMedicareBeneficiaryID());
            typed(p.getIdentifier(), "MA", ids.getMedicaidNumber());
            system(p.getIdentifier(), SSN_SYSTEM, ids.getSocialSecurity());
        }
        p.getName().addAll(ScriptContactsToFhir.names(h.getNames()));
        gender(h.getGenderAndSex(), p);
        if (h.getDateOfBirth() != null && h.getDateOfBirth().getDate() != null) {
            p.setBirthDateElement(new org.hl7.fhir.r5.model.DateType(
                    h.getDateOfBirth().getDate().toXMLFormat().substring(0, 10)));
        }
        if (h.getAddress() != null) {
            p.addAddress(ScriptContactsToFhir.address(h.getAddress(), Address.AddressUse.HOME));
        }
        p.getTelecom().addAll(ScriptContactsToFhir.telecom(h.getCommunicationNumbers(), ContactPointUse.HOME));
        return p;
    }

    Practitioner practitioner(NonVeterinarianType nv) {
        var p = new Practitioner();
        PrescriberIdentificationType ids = nv.getIdentification();
        if (ids != null) {
            system(p.getIdentifier(), PrescriberMapper.NPI_SYSTEM, ids.getNPI());
            system(p.getIdentifier(), DEA_SYSTEM, ids.getDEANumber());
            if (stateLicenseSystem != null) {
                system(p.getIdentifier(), stateLicenseSystem, ids.getStateLicenseNumber());
            } else {
                typed(p.getIdentifier(), "SL", ids.getStateLicenseNumber());
            }
            typed(p.getIdentifier(), "MCD", ids.getMedicaidNumber());
            if (ids.getStateControlSubstanceNumber() != null) {
                p.addIdentifier(new Identifier()
                        .setType(new CodeableConcept().setText("State controlled substance number"))
                        .setValue(ids.getStateControlSubstanceNumber()));
            }
        }
        if (nv.getSpecialty() != null) {
            p.addQualification().getCode().addCoding().setSystem(NUCC_SYSTEM).setCode(nv.getSpecialty());
        }
        p.getName().addAll(ScriptContactsToFhir.names(nv.getNames()));
        if (nv.getAddress() != null) {
            p.addAddress(ScriptContactsToFhir.address(nv.getAddress(), Address.AddressUse.WORK));
        }
        p.getTelecom().addAll(ScriptContactsToFhir.telecom(nv.getCommunicationNumbers(), ContactPointUse.WORK));
        return p;
    }

    Organization pharmacy(PharmacyType ph) {
        var o = new Organization();
        if (ph.getIdentification() != null) {
            system(o.getIdentifier(), NcpdpId.SYSTEM, ph.getIdentification().getNCPDPID());
            system(
                    o.getIdentifier(),
                    PrescriberMapper.NPI_SYSTEM,
                    ph.getIdentification().getNPI());
            system(o.getIdentifier(), DEA_SYSTEM, ph.getIdentification().getDEANumber());
            typed(o.getIdentifier(), "SL", ph.getIdentification().getStateLicenseNumber());
        }
        o.setName(ph.getBusinessName());
        var contact = new ExtendedContactDetail();
        if (ph.getAddress() != null) {
            contact.setAddress(ScriptContactsToFhir.address(ph.getAddress(), Address.AddressUse.WORK));
        }
        contact.getTelecom().addAll(ScriptContactsToFhir.telecom(ph.getCommunicationNumbers(), ContactPointUse.WORK));
        if (contact.hasAddress() || contact.hasTelecom()) {
            o.addContact(contact);
        }
        return o;
    }

    private static void gender(GenderAndSexType g, Patient p) {
        if (g == null) {
            return;
        }
        p.setGender(
                switch (String.valueOf(g.getAdministrativeGender())) {
                    case "M" -> AdministrativeGender.MALE;
                    case "F" -> AdministrativeGender.FEMALE;
                    case "N" -> AdministrativeGender.OTHER;
                    default -> AdministrativeGender.UNKNOWN;
                });
        String sab = g.getSexAssignedAtBirth();
        if ("F".equals(sab) || "M".equals(sab) || "U".equals(sab)) {
            p.addExtension(PatientMapper.BIRTH_SEX, new CodeType("U".equals(sab) ? "UNK" : sab));
        }
    }

    private static void system(List<Identifier> ids, String system, String value) {
        if (value != null) {
            ids.add(new Identifier().setSystem(system).setValue(value));
        }
    }

    private static void typed(List<Identifier> ids, String v2Type, String value) {
        if (value != null) {
            var id = new Identifier().setValue(value);
            id.getType().addCoding().setSystem(V2_0203).setCode(v2Type);
            ids.add(id);
        }
    }
}
