package io.rxflow.hub.mapping;

import io.rxflow.hub.script.model.NonVeterinarianType;
import io.rxflow.hub.script.model.PrescriberIdentificationType;
import io.rxflow.hub.script.model.PrescriberType;
import io.rxflow.hub.support.DeaNumber;
import io.rxflow.hub.support.Npi;
import java.util.Set;
import org.hl7.fhir.r5.model.Address;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.Practitioner;

/** FHIR Practitioner to SCRIPT Prescriber/NonVeterinarian. */
final class PrescriberMapper {
    static final String NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";
    // THO's NamingSystem and the lower-case form the HL7 PDMP IG uses both occur in the wild.
    private static final Set<String> DEA_SYSTEMS = Set.of(
            "http://terminology.hl7.org/NamingSystem/USDEANumber",
            "http://terminology.hl7.org/NamingSystem/usdeanumber");
    private static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";

    private final String stateLicenseSystem;

    PrescriberMapper(String stateLicenseSystem) {
        this.stateLicenseSystem = stateLicenseSystem;
    }

    /** {@code controlled}: the drug is a controlled substance, so a DEA number is required by law. */
    PrescriberType map(Practitioner p, boolean controlled, Refusals r) {
        var nv = new NonVeterinarianType();
        nv.setIdentification(identification(p, controlled, r));
        nv.setNames(Parties.names(p.getName(), "Practitioner", r));
        nv.setAddress(Parties.address(p.getAddress(), Address.AddressUse.WORK, "Practitioner.address", true, r));
        nv.setCommunicationNumbers(Parties.numbers(p.getTelecom(), "Practitioner.telecom", true, r));
        var prescriber = new PrescriberType();
        prescriber.setNonVeterinarian(nv);
        return prescriber;
    }

    private PrescriberIdentificationType identification(Practitioner p, boolean controlled, Refusals r) {
        var id = new PrescriberIdentificationType();
        for (int i = 0; i < p.getIdentifier().size(); i++) {
            Identifier identifier = p.getIdentifier().get(i);
            String path = "Practitioner.identifier[" + i + "].value";
            if (NPI_SYSTEM.equals(identifier.getSystem()) && id.getNPI() == null) {
                id.setNPI(checked(identifier.getValue(), Npi.isValid(identifier.getValue()), path, "NPI", r));
            } else if (isDea(identifier) && id.getDEANumber() == null) {
                id.setDEANumber(checked(
                        identifier.getValue(), DeaNumber.isValid(identifier.getValue()), path, "DEA number", r));
            } else if (stateLicenseSystem != null && stateLicenseSystem.equals(identifier.getSystem())) {
                id.setStateLicenseNumber(r.text(identifier.getValue(), path, 35));
            }
        }
        if (id.getNPI() == null && !hasSystem(p, NPI_SYSTEM)) {
            r.add(
                    "Practitioner.identifier",
                    "the prescriber's NPI (" + NPI_SYSTEM + ") is required",
                    "prescriber-npi-missing");
        }
        if (controlled
                && id.getDEANumber() == null
                && p.getIdentifier().stream().noneMatch(PrescriberMapper::isDea)) {
            r.add(
                    "Practitioner.identifier",
                    "a DEA number is required to prescribe a controlled substance",
                    "prescriber-dea-missing");
        }
        return id;
    }

    private static String checked(String value, boolean valid, String path, String what, Refusals r) {
        if (!valid) {
            r.add(
                    path,
                    "is not a valid " + what + " (format or check digit)",
                    "invalid-" + what.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
            return null;
        }
        return value;
    }

    private static boolean isDea(Identifier identifier) {
        return (identifier.hasSystem() && DEA_SYSTEMS.contains(identifier.getSystem()))
                || identifier.getType().hasCoding(V2_0203, "DEA");
    }

    private static boolean hasSystem(Practitioner p, String system) {
        return p.getIdentifier().stream().anyMatch(i -> system.equals(i.getSystem()));
    }
}
