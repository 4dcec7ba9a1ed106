package io.rxflow.hub.routing;

import io.rxflow.hub.pharmacies.Pharmacy;
import io.rxflow.hub.support.NcpdpId;
import org.hl7.fhir.r5.model.ContactPoint;
import org.hl7.fhir.r5.model.Organization;

/** A pharmacy of the directory as the FHIR Organization a re-routed NewRx is mapped from. */
final class DirectoryOrganization {
    private DirectoryOrganization() {}

    static Organization of(Pharmacy p) {
        var o = new Organization();
        o.setId("pharmacy");
        o.addIdentifier().setSystem(NcpdpId.SYSTEM).setValue(p.ncpdpId());
        if (p.npi() != null) {
            o.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue(p.npi());
        }
        o.setName(p.name());
        var contact = o.addContact();
        if (p.phone() != null) {
            contact.addTelecom()
                    .setSystem(ContactPoint.ContactPointSystem.PHONE)
                    .setValue(p.phone());
        }
        if (p.address() != null) {
            contact.getAddress()
                    .addLine(p.address().line())
                    .setCity(p.address().city())
                    .setState(p.address().state())
                    .setPostalCode(p.address().postalCode())
                    .setCountry("US");
        }
        return o;
    }
}
