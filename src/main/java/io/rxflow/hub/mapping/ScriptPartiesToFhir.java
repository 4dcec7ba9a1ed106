package io.rxflow.hub.mapping;

import io.rxflow.hub.script.model.AddressType;
import io.rxflow.hub.script.model.CommunicationNumbersType;
import io.rxflow.hub.script.model.GenderAndSexType;
import io.rxflow.hub.script.model.HumanPatientType;
import io.rxflow.hub.script.model.NameType;
import io.rxflow.hub.script.model.NamesType;
import io.rxflow.hub.script.model.NonVeterinarianType;
import io.rxflow.hub.script.model.PatientIdentificationType;
import io.rxflow.hub.script.model.PharmacyType;
import io.rxflow.hub.script.model.PhoneType;
import io.rxflow.hub.script.model.PrescriberIdentificationType;
import io.rxflow.hub.support.NcpdpId;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r5.model.Address;
import org.hl7.fhir.r5.model.CodeType;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.ContactPoint;
import org.hl7.fhir.r5.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r5.model.ContactPoint.ContactPointUse;
import org.hl7.fhir.r5.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r5.model.ExtendedContactDetail;
import org.hl7.fhir.r5.model.HumanName;
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
        p.getName().addAll(names(h.getNames()));
        gender(h.getGenderAndSex(), p);
        if (h.getDateOfBirth() != null && h.getDateOfBirth().getDate() != null) {
            p.setBirthDateElement(new org.hl7.fhir.r5.model.DateType(
                    h.getDateOfBirth().getDate().toXMLFormat().substring(0, 10)));
        }
        if (h.getAddress() != null) {
            p.addAddress(address(h.getAddress(), Address.AddressUse.HOME));
        }
        p.getTelecom().addAll(telecom(h.getCommunicationNumbers(), ContactPointUse.HOME));
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
        p.getName().addAll(names(nv.getNames()));
        if (nv.getAddress() != null) {
            p.addAddress(address(nv.getAddress(), Address.AddressUse.WORK));
        }
        p.getTelecom().addAll(telecom(nv.getCommunicationNumbers(), ContactPointUse.WORK));
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
            contact.setAddress(address(ph.getAddress(), Address.AddressUse.WORK));
        }
        contact.getTelecom().addAll(telecom(ph.getCommunicationNumbers(), ContactPointUse.WORK));
        if (contact.hasAddress() || contact.hasTelecom()) {
            o.addContact(contact);
        }
        return o;
    }

    /** Name as official, FormerName as old, PreferredName as usual. */
    static List<HumanName> names(NamesType names) {
        List<HumanName> out = new ArrayList<>();
        if (names != null) {
            name(names.getName(), HumanName.NameUse.OFFICIAL, out);
            name(names.getFormerName(), HumanName.NameUse.OLD, out);
            name(names.getPreferredName(), HumanName.NameUse.USUAL, out);
        }
        return out;
    }

    private static void name(NameType n, HumanName.NameUse use, List<HumanName> out) {
        if (n == null) {
            return;
        }
        var name = new HumanName().setUse(use).setFamily(n.getLastName());
        name.addGiven(n.getFirstName());
        if (n.getMiddleName() != null) {
            name.addGiven(n.getMiddleName());
        }
        if (n.getPrefix() != null) {
            name.addPrefix(n.getPrefix());
        }
        if (n.getSuffix() != null) {
            name.addSuffix(n.getSuffix());
        }
        out.add(name);
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

    static Address address(AddressType a, Address.AddressUse use) {
        var out = new Address().setUse(use);
        out.addLine(a.getAddressLine1());
        if (a.getAddressLine2() != null) {
            out.addLine(a.getAddressLine2());
        }
        return out.setCity(a.getCity())
                .setState(a.getStateProvince())
                .setPostalCode(a.getPostalCode())
                .setCountry(a.getCountryCode());
    }

    /** Every number SCRIPT carries, as a ContactPoint of the matching system and use. */
    static List<ContactPoint> telecom(CommunicationNumbersType numbers, ContactPointUse primaryUse) {
        List<ContactPoint> out = new ArrayList<>();
        if (numbers == null) {
            return out;
        }
        phone(numbers.getPrimaryTelephone(), ContactPointSystem.PHONE, primaryUse, out);
        numbers.getHomeTelephone().forEach(t -> phone(t, ContactPointSystem.PHONE, ContactPointUse.HOME, out));
        numbers.getWorkTelephone().forEach(t -> phone(t, ContactPointSystem.PHONE, ContactPointUse.WORK, out));
        numbers.getOtherTelephone().forEach(t -> phone(t, ContactPointSystem.PHONE, null, out));
        numbers.getBeeper().forEach(t -> phone(t, ContactPointSystem.PAGER, null, out));
        numbers.getFax().forEach(t -> phone(t, ContactPointSystem.FAX, primaryUse, out));
        numbers.getElectronicMail()
                .forEach(m -> out.add(
                        new ContactPoint().setSystem(ContactPointSystem.EMAIL).setValue(m)));
        return out;
    }

    private static void phone(PhoneType t, ContactPointSystem system, ContactPointUse use, List<ContactPoint> out) {
        if (t == null || t.getNumber() == null) {
            return;
        }
        var cp = new ContactPoint().setSystem(system).setValue(t.getNumber());
        if (use != null) {
            cp.setUse(use);
        }
        out.add(cp);
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
