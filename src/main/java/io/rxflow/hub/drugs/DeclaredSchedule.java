package io.rxflow.hub.drugs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.DomainResource;
import org.hl7.fhir.r5.model.Extension;
import org.hl7.fhir.r5.model.Medication;
import org.hl7.fhir.r5.model.MedicationRequest;

/**
 * A DEA schedule the order itself states: the hub's extension on the Medication or the
 * MedicationRequest, or a v2-0477 / NCI schedule coding among the drug's codes. {@code schedule} is
 * empty for "not controlled" (NCI C38046 in the extension); {@code valid} is false for a value SCRIPT
 * cannot carry (v2-0477 VI, a state schedule) or a code the hub does not read.
 */
record DeclaredSchedule(String expression, Optional<DeaSchedule> schedule, boolean valid, String shown) {
    /** The hub-defined extension (valueCoding or valueCodeableConcept, v2-0477 or NCI). */
    public static final String EXTENSION = "https://rxflow.io/fhir/StructureDefinition/dea-schedule";

    static final String V2_0477 = "http://terminology.hl7.org/CodeSystem/v2-0477";
    static final Set<String> NCI = Set.of(
            "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl",
            "http://ncithesaurus-stage.nci.nih.gov",
            "urn:oid:2.16.840.1.113883.3.26.1.1");

    /** How a schedule reads in a refusal: "CII (C48675)", or "not controlled". */
    static String show(Optional<DeaSchedule> s) {
        return s.map(d -> d.name() + " (" + d.nciCode() + ")").orElse("not controlled");
    }

    static List<DeclaredSchedule> read(MedicationRequest mr, Medication medication, CodeableConcept code, String base) {
        List<DeclaredSchedule> out = new ArrayList<>();
        if (medication != null) {
            extensions(medication, "Medication", out);
        }
        extensions(mr, "MedicationRequest", out);
        for (int i = 0; i < code.getCoding().size(); i++) {
            Coding c = code.getCoding().get(i);
            String path = base + ".coding[" + i + "]";
            if (V2_0477.equals(c.getSystem())) {
                out.add(fromCoding(c, path));
            } else if (NCI.contains(c.getSystem())
                    && DeaSchedule.fromNci(c.getCode()).isPresent()) {
                // Other NCI codes in a drug's code name the drug, not its schedule.
                out.add(fromCoding(c, path));
            }
        }
        return out;
    }

    private static void extensions(DomainResource resource, String type, List<DeclaredSchedule> out) {
        for (Extension e : resource.getExtensionsByUrl(EXTENSION)) {
            String path = type + ".extension('" + EXTENSION + "')";
            Coding c = null;
            if (e.getValue() instanceof Coding coding) {
                c = coding;
            } else if (e.getValue() instanceof CodeableConcept cc) {
                c = cc.getCoding().stream()
                        .filter(x -> V2_0477.equals(x.getSystem()) || NCI.contains(x.getSystem()))
                        .findFirst()
                        .orElse(null);
            }
            if (c == null) {
                out.add(new DeclaredSchedule(
                        path, Optional.empty(), false, "a value that is not a v2-0477 or NCI coding"));
            } else if (NCI.contains(c.getSystem()) && DeaSchedule.NCI_UNSPECIFIED.equals(c.getCode())) {
                out.add(new DeclaredSchedule(path, Optional.empty(), true, "not controlled (C38046)"));
            } else {
                out.add(fromCoding(c, path));
            }
        }
    }

    private static DeclaredSchedule fromCoding(Coding c, String path) {
        Optional<DeaSchedule> s = V2_0477.equals(c.getSystem())
                ? DeaSchedule.fromV2(c.getCode())
                : NCI.contains(c.getSystem()) ? DeaSchedule.fromNci(c.getCode()) : Optional.empty();
        String shown = (V2_0477.equals(c.getSystem()) ? "v2-0477 " : "NCI ") + c.getCode();
        return s.map(d -> new DeclaredSchedule(path, s, true, show(s)))
                .orElseGet(() -> new DeclaredSchedule(path, Optional.empty(), false, shown));
    }
}
