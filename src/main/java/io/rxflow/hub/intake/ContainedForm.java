package io.rxflow.hub.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rxflow.hub.support.PrescriptionResources;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Reference;
import org.hl7.fhir.r5.model.Resource;

/**
 * The stored FHIR face of a prescription: its MedicationRequest with the patient, prescriber,
 * pharmacy and medication contained, under the hub's own id. This is what {@code GET
 * /fhir/r5/MedicationRequest/{id}} returns.
 */
final class ContainedForm {
    private ContainedForm() {}

    static MedicationRequest of(PrescriptionResources r, String id) {
        MedicationRequest original = r.medicationRequest();
        MedicationRequest mr = original.copy();
        mr.setId(id);
        // Contained resources that are not parts of the prescription (a Condition the reason refers to)
        // stay; the parts, and a PractitionerRole the requester named, are contained again under fixed ids.
        Set<String> partIds = partIds(original);
        for (int i = original.getContained().size() - 1; i >= 0; i--) {
            Resource c = original.getContained().get(i);
            if (isPart(c, r) || partIds.contains(localId(c))) {
                mr.getContained().remove(i);
            }
        }
        mr.setSubject(contain(mr, r.patient(), "patient"));
        mr.setRequester(contain(mr, r.practitioner(), "practitioner"));
        if (r.pharmacy() != null) {
            mr.getDispenseRequest().setDispenser(contain(mr, r.pharmacy(), "pharmacy"));
        }
        if (r.medication() != null) {
            mr.getMedication().setReference(contain(mr, r.medication(), "medication"));
        }
        return mr;
    }

    /**
     * The same form built from the envelope members' JSON as received (see {@link IntakeRequest}),
     * without encoding the parsed resources again: the envelope is the hub's busiest path, and a HAPI
     * encode of five resources costs more than the rest of storing them. {@code ContainedFormTest}
     * proves both ways give the same resource for every valid fixture.
     */
    static String json(ObjectMapper json, Map<String, String> received, String id, int version) {
        try {
            ObjectNode mr = (ObjectNode) json.readTree(received.get("medication_request"));
            mr.put("id", id);
            ObjectNode meta = mr.get("meta") instanceof ObjectNode m ? m : mr.putObject("meta");
            meta.put("versionId", Integer.toString(version));
            ArrayNode contained = mr.putArray("contained");
            mr.set("subject", contain(json, contained, received.get("patient"), "patient"));
            mr.set("requester", contain(json, contained, received.get("practitioner"), "practitioner"));
            ObjectNode dispense =
                    mr.get("dispenseRequest") instanceof ObjectNode d ? d : mr.putObject("dispenseRequest");
            dispense.set("dispenser", contain(json, contained, received.get("pharmacy"), "pharmacy"));
            String medication = received.get("medication");
            if (medication != null) {
                ObjectNode codeable = mr.get("medication") instanceof ObjectNode c ? c : mr.putObject("medication");
                codeable.set("reference", contain(json, contained, medication, "medication"));
            }
            return json.writeValueAsString(mr);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("envelope members were parsed before; they are JSON objects", e);
        }
    }

    private static ObjectNode contain(ObjectMapper json, ArrayNode contained, String resource, String localId)
            throws JsonProcessingException {
        ObjectNode copy = (ObjectNode) json.readTree(resource);
        copy.put("id", localId);
        contained.add(copy);
        return json.createObjectNode().put("reference", "#" + localId);
    }

    private static boolean isPart(Resource c, PrescriptionResources r) {
        return c == r.patient() || c == r.practitioner() || c == r.pharmacy() || c == r.medication();
    }

    private static Set<String> partIds(MedicationRequest mr) {
        Set<String> ids = new HashSet<>();
        for (Reference ref : new Reference[] {
            mr.getSubject(),
            mr.getRequester(),
            mr.getDispenseRequest().getDispenser(),
            mr.getMedication().getReference()
        }) {
            if (ref != null && ref.hasReference() && ref.getReference().startsWith("#")) {
                ids.add(ref.getReference().substring(1));
            }
        }
        return ids;
    }

    private static String localId(Resource c) {
        String id = c.getIdElement().getIdPart();
        return id != null && id.startsWith("#") ? id.substring(1) : id;
    }

    private static Reference contain(MedicationRequest mr, Resource resource, String localId) {
        Resource copy = resource.copy();
        copy.setId(localId);
        mr.addContained(copy);
        return new Reference("#" + localId);
    }
}
