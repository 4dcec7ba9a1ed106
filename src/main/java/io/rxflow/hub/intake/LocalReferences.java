package io.rxflow.hub.intake;

import io.rxflow.hub.intake.validation.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r5.model.Base;
import org.hl7.fhir.r5.model.DomainResource;
import org.hl7.fhir.r5.model.Property;
import org.hl7.fhir.r5.model.Reference;
import org.hl7.fhir.r5.model.Resource;

/**
 * Checks that every {@code #id} reference anywhere in a resource (its contained resources included) names
 * one of its contained resources. The parser lets such references through so that this check can refuse
 * them with the element's FHIRPath (422) instead of HAPI's parse error (400).
 */
final class LocalReferences {
    private LocalReferences() {}

    static void check(DomainResource container) {
        Set<String> ids = new HashSet<>();
        for (Resource r : container.getContained()) {
            String id = r.getIdElement().getIdPart();
            if (id != null) {
                ids.add(id.startsWith("#") ? id.substring(1) : id);
            }
        }
        walk(container, container.fhirType(), ids, container);
    }

    private static void walk(Base base, String path, Set<String> ids, DomainResource container) {
        if (base instanceof Reference ref && ref.hasReference()) {
            String value = ref.getReference().strip();
            // '#' alone is the container itself (FHIR allows a contained resource to point back at it).
            if (value.startsWith("#") && value.length() > 1 && !ids.contains(value.substring(1))) {
                throw ReferenceRefusals.refused(
                        path + ".reference",
                        "refers to '" + ReferenceRefusals.shown(value) + "', but " + container.fhirType()
                                + ".contained holds no resource with that id",
                        Rule.REFERENCE_UNRESOLVED);
            }
        }
        for (Property p : base.children()) {
            if (!p.hasValues()) {
                continue;
            }
            List<Base> values = p.getValues();
            for (int i = 0; i < values.size(); i++) {
                Base value = values.get(i);
                if (value == null || value.isPrimitive()) {
                    continue;
                }
                String name = p.getName().replace("[x]", capitalized(value.fhirType()));
                walk(value, path + "." + name + (p.isList() ? "[" + i + "]" : ""), ids, container);
            }
        }
    }

    private static String capitalized(String type) {
        return type.isEmpty() ? type : Character.toUpperCase(type.charAt(0)) + type.substring(1);
    }
}
