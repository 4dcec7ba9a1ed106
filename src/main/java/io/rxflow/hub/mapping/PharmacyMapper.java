package io.rxflow.hub.mapping;

import io.rxflow.hub.script.model.AddressType;
import io.rxflow.hub.script.model.PharmacyIdentificationType;
import io.rxflow.hub.script.model.PharmacyType;
import io.rxflow.hub.support.NcpdpId;
import io.rxflow.hub.support.Npi;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r5.model.ContactPoint;
import org.hl7.fhir.r5.model.ExtendedContactDetail;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.Organization;

/** The pharmacy Organization to SCRIPT Pharmacy; its NCPDP ID also addresses the Header. */
final class PharmacyMapper {

    private PharmacyMapper() {}

    static PharmacyType map(Organization o, Refusals r) {
        var pharmacy = new PharmacyType();
        pharmacy.setIdentification(identification(o, r));
        pharmacy.setBusinessName(r.requiredText(o.getName(), "Organization.name", 70, "The pharmacy name"));
        pharmacy.setAddress(address(o, r));
        List<ContactPoint> telecom = new ArrayList<>();
        String telecomPath = "Organization.contact.telecom";
        for (int i = 0; i < o.getContact().size(); i++) {
            if (o.getContact().get(i).hasTelecom()) {
                telecom = o.getContact().get(i).getTelecom();
                telecomPath = "Organization.contact[" + i + "].telecom";
                break;
            }
        }
        pharmacy.setCommunicationNumbers(Parties.numbers(telecom, telecomPath, true, r));
        return pharmacy;
    }

    /**
     * Both the NCPDP ID and the NPI are required by the schema. A pharmacy without an NPI cannot be
     * expressed; sending a placeholder such as "NONE" is a per-intermediary agreement, not a default.
     */
    private static PharmacyIdentificationType identification(Organization o, Refusals r) {
        var id = new PharmacyIdentificationType();
        for (int i = 0; i < o.getIdentifier().size(); i++) {
            Identifier identifier = o.getIdentifier().get(i);
            String path = "Organization.identifier[" + i + "].value";
            String value = identifier.getValue();
            if (NcpdpId.SYSTEM.equals(identifier.getSystem()) && id.getNCPDPID() == null) {
                if (NcpdpId.isValid(value)) {
                    id.setNCPDPID(value);
                } else {
                    r.add(path, "is not a 7-digit NCPDP Provider ID", "invalid-ncpdp-id");
                }
            } else if (PrescriberMapper.NPI_SYSTEM.equals(identifier.getSystem()) && id.getNPI() == null) {
                if (Npi.isValid(value)) {
                    id.setNPI(value);
                } else {
                    r.add(path, "is not a valid NPI (format or check digit)", "invalid-npi");
                }
            }
        }
        if (o.getIdentifier().stream().noneMatch(i -> NcpdpId.SYSTEM.equals(i.getSystem()))) {
            r.add(
                    "Organization.identifier",
                    "the pharmacy's NCPDP Provider ID (" + NcpdpId.SYSTEM + ") is required",
                    "pharmacy-ncpdp-missing");
        }
        if (o.getIdentifier().stream().noneMatch(i -> PrescriberMapper.NPI_SYSTEM.equals(i.getSystem()))) {
            r.add(
                    "Organization.identifier",
                    "the pharmacy's NPI (" + PrescriberMapper.NPI_SYSTEM + ") is required by SCRIPT",
                    "pharmacy-npi-missing");
        }
        return id;
    }

    private static AddressType address(Organization o, Refusals r) {
        List<ExtendedContactDetail> contacts = o.getContact();
        for (int i = 0; i < contacts.size(); i++) {
            if (contacts.get(i).hasAddress()) {
                return Parties.address(contacts.get(i).getAddress(), "Organization.contact[" + i + "].address", r);
            }
        }
        return null;
    }
}
