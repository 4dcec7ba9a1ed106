package io.rxflow.hub.mapping;

import io.rxflow.hub.script.model.DiagnosisType;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.CodeableReference;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.Condition;
import org.hl7.fhir.r5.model.MedicationRequest;

/** {@code MedicationRequest.reason} to Diagnosis: ICD-10-CM (qualifier ABF) preferred, else SNOMED CT (LD). */
final class DiagnosisMapper {
    static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String SNOMED = "http://snomed.info/sct";

    // The IG's lengths for Value and Description are not public; the schema checks the an type only.
    private static final int UNCONFIRMED_LENGTH = Integer.MAX_VALUE;

    private DiagnosisMapper() {}

    static List<DiagnosisType> map(MedicationRequest mr, Refusals r) {
        List<DiagnosisType> out = new ArrayList<>();
        for (int i = 0; i < mr.getReason().size(); i++) {
            CodeableReference reason = mr.getReason().get(i);
            String path = "MedicationRequest.reason[" + i + "]";
            CodeableConcept concept = reason.getConcept();
            if (!reason.hasConcept() && reason.hasReference()) {
                // Only a contained Condition can be read here; a bare reference would need a server lookup.
                if (reason.getReference().getResource() instanceof Condition c) {
                    concept = c.getCode();
                    path += ".reference.resolve().code";
                } else {
                    r.add(
                            path + ".reference",
                            "a reason reference must point to a contained Condition",
                            "reason-unresolved");
                    continue;
                }
            } else {
                path += ".concept";
            }
            DiagnosisType d = diagnosis(concept, path, r);
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    private static DiagnosisType diagnosis(CodeableConcept concept, String path, Refusals r) {
        int idx = indexOf(concept, ICD10CM);
        String qualifier = "ABF";
        if (idx < 0) {
            idx = indexOf(concept, SNOMED);
            qualifier = "LD";
        }
        if (idx < 0) {
            r.add(path + ".coding", "a reason must be coded in ICD-10-CM or SNOMED CT", "diagnosis-code-system");
            return null;
        }
        Coding coding = concept.getCoding().get(idx);
        String codingPath = path + ".coding[" + idx + "]";
        var d = new DiagnosisType();
        d.setClinicalInformationQualifier("1"); // prescriber supplied
        d.setQualifier(qualifier);
        // ICD-10-CM travels without its dot (E11.69 -> E1169), as claims and eRx systems send it.
        String code = coding.getCode() == null
                ? null
                : qualifier.equals("ABF") ? coding.getCode().replace(".", "") : coding.getCode();
        d.setValue(r.requiredText(code, codingPath + ".code", UNCONFIRMED_LENGTH, "The diagnosis code"));
        String description = coding.hasDisplay() ? coding.getDisplay() : concept.getText();
        String descriptionPath = coding.hasDisplay() ? codingPath + ".display" : path + ".text";
        d.setDescription(r.requiredText(description, descriptionPath, UNCONFIRMED_LENGTH, "The diagnosis description"));
        return d;
    }

    private static int indexOf(CodeableConcept concept, String system) {
        for (int i = 0; i < concept.getCoding().size(); i++) {
            if (system.equals(concept.getCoding().get(i).getSystem())) {
                return i;
            }
        }
        return -1;
    }
}
