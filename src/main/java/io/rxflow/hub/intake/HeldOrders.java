package io.rxflow.hub.intake;

import io.rxflow.hub.support.NcpdpId;
import io.rxflow.hub.support.PrescriptionResources;
import org.apache.camel.Body;
import org.hl7.fhir.r5.model.ContactPoint;
import org.hl7.fhir.r5.model.Organization;
import org.springframework.stereotype.Component;

/**
 * An order held without a pharmacy is mapped before it is stored all the same, addressed to a stand-in
 * pharmacy, so what SCRIPT cannot carry is refused now (nothing of the Bundle stored) rather than when
 * it is routed. The stand-in's NewRx is thrown away: a held prescription has none until routed.
 */
@Component("heldOrders")
public class HeldOrders {

    /** The request with the stand-in pharmacy, for {@code rx-newrx-prepare} only. */
    public IntakeRequest withStandInPharmacy(@Body IntakeRequest request) {
        PrescriptionResources r = request.resources();
        return new IntakeRequest(
                request.shape(),
                new PrescriptionResources(
                        r.medicationRequest(), r.patient(), r.practitioner(), standIn(), r.medication()),
                request.entryTypes(),
                request.receivedJson(),
                request.fhirVersion(),
                request.script());
    }

    private static Organization standIn() {
        var o = new Organization().setName("Pharmacy to be chosen");
        o.addIdentifier().setSystem(NcpdpId.SYSTEM).setValue("0000000");
        o.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue("1999999901");
        o.addContact()
                .addTelecom()
                .setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setValue("555-555-0100");
        return o;
    }
}
