package io.rxflow.hub.mapping;

import io.rxflow.hub.script.model.AddressType;
import io.rxflow.hub.script.model.CommunicationNumbersType;
import io.rxflow.hub.script.model.NameType;
import io.rxflow.hub.script.model.NamesType;
import io.rxflow.hub.script.model.PhoneType;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r5.model.Address;
import org.hl7.fhir.r5.model.ContactPoint;
import org.hl7.fhir.r5.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r5.model.ContactPoint.ContactPointUse;
import org.hl7.fhir.r5.model.HumanName;

/** SCRIPT names, addresses and communication numbers to FHIR, shared by every party. */
final class ScriptContactsToFhir {
    private ScriptContactsToFhir() {}

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
}
