package io.rxflow.hub.intake;

import io.rxflow.hub.intake.validation.Rule;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r5.model.Base;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.DomainResource;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.Property;
import org.hl7.fhir.r5.model.Reference;
import org.hl7.fhir.r5.model.Resource;

/**
 * Conditional references in a transaction ({@code Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999999999},
 * as Synthea writes them), resolved the way FHIR's transaction rules have it, against the Bundle's own
 * entries only (the hub searches nothing else): the one entry of that type with that identifier. Each
 * such reference is replaced by that entry's fullUrl, so the {@link ReferenceResolver} then follows it
 * like any other. No match is left as it is (the resolver refuses it as not sent); two matches are refused.
 */
final class ConditionalReferences {
    private static final Pattern BY_IDENTIFIER = Pattern.compile("^([A-Z][A-Za-z]+)\\?identifier=([^&]+)$");

    private ConditionalReferences() {}

    /** Rewrites the conditional references of every entry of the given resource types. */
    static void resolveWithin(Bundle bundle, List<String> referringTypes) {
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Resource r = bundle.getEntry().get(i).getResource();
            if (r != null && referringTypes.contains(r.fhirType())) {
                walk(r, bundle, r.fhirType());
            }
        }
    }

    private static void walk(Base base, Bundle bundle, String path) {
        if (base instanceof Reference ref && ref.hasReference()) {
            Matcher m = BY_IDENTIFIER.matcher(ref.getReference().strip());
            if (m.matches()) {
                String fullUrl = match(bundle, m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8), path);
                if (fullUrl != null) {
                    ref.setReference(fullUrl);
                }
            }
        }
        for (Property p : base.children()) {
            for (Base value : p.getValues()) {
                if (value != null && !value.isPrimitive() && !(value instanceof Resource)) {
                    walk(value, bundle, path + "." + p.getName());
                }
            }
        }
        if (base instanceof DomainResource d) {
            d.getContained().forEach(c -> walk(c, bundle, path + ".contained"));
        }
    }

    /** The fullUrl of the one entry of {@code type} with the identifier {@code [system|]value}; null when none. */
    private static String match(Bundle bundle, String type, String token, String path) {
        int bar = token.indexOf('|');
        String system = bar < 0 ? null : token.substring(0, bar);
        String value = bar < 0 ? token : token.substring(bar + 1);
        List<Bundle.BundleEntryComponent> found = bundle.getEntry().stream()
                .filter(e -> e.hasResource()
                        && e.hasFullUrl()
                        && e.getResource().fhirType().equals(type))
                .filter(e -> identifiers(e.getResource()).stream()
                        .anyMatch(id -> value.equals(id.getValue())
                                && (system == null
                                        || (system.isEmpty() ? !id.hasSystem() : system.equals(id.getSystem())))))
                .toList();
        if (found.size() > 1) {
            throw ReferenceRefusals.refused(
                    path + ".reference",
                    "is a conditional reference that " + found.size() + " Bundle entries match; it must match one",
                    Rule.REFERENCE_AMBIGUOUS);
        }
        return found.isEmpty() ? null : found.get(0).getFullUrl();
    }

    private static List<Identifier> identifiers(Resource r) {
        Property p = r.getNamedProperty("identifier");
        return p == null
                ? List.of()
                : p.getValues().stream()
                        .filter(Identifier.class::isInstance)
                        .map(Identifier.class::cast)
                        .toList();
    }
}
