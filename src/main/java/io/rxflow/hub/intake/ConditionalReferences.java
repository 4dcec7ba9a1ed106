package io.rxflow.hub.intake;

import io.rxflow.hub.intake.validation.Rule;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * as Synthea writes them), resolved the way FHIR's transaction rules have it: the one Bundle entry of
 * that type with that identifier, else the one resource of the practitioner directory
 * ({@link Directory}, Practitioners and Organizations an operator loaded), which is added to the Bundle
 * as an entry of its own after those sent. Each such reference is replaced by that entry's fullUrl, so
 * the {@link ReferenceResolver} then follows it like any other. No match is left as it is (the resolver
 * refuses it as not sent); two matches are refused.
 */
final class ConditionalReferences {
    private static final Pattern BY_IDENTIFIER = Pattern.compile("^([A-Z][A-Za-z]+)\\?identifier=([^&]+)$");

    /** Where a conditional reference the Bundle cannot satisfy is looked up: type, system (or null), value. */
    @FunctionalInterface
    interface Directory {
        Directory NONE = (type, system, value) -> List.of();

        List<Resource> find(String type, String system, String value);
    }

    private final Bundle bundle;
    private final Directory directory;
    // One entry per directory resource, however many references name it.
    private final Map<String, String> added = new HashMap<>();

    private ConditionalReferences(Bundle bundle, Directory directory) {
        this.bundle = bundle;
        this.directory = directory;
    }

    /** Rewrites the conditional references of every entry of the given resource types, within the Bundle. */
    static void resolveWithin(Bundle bundle, List<String> referringTypes) {
        resolve(bundle, referringTypes, Directory.NONE);
    }

    /** As {@link #resolveWithin}, then against the directory for what the Bundle does not hold. */
    static void resolve(Bundle bundle, List<String> referringTypes, Directory directory) {
        var references = new ConditionalReferences(bundle, directory);
        int sent = bundle.getEntry().size();
        for (int i = 0; i < sent; i++) {
            Resource r = bundle.getEntry().get(i).getResource();
            if (r != null && referringTypes.contains(r.fhirType())) {
                references.walk(r, r.fhirType());
            }
        }
    }

    private void walk(Base base, String path) {
        if (base instanceof Reference ref && ref.hasReference()) {
            Matcher m = BY_IDENTIFIER.matcher(ref.getReference().strip());
            if (m.matches()) {
                String fullUrl = match(m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8), path);
                if (fullUrl != null) {
                    ref.setReference(fullUrl);
                }
            }
        }
        for (Property p : base.children()) {
            for (Base value : p.getValues()) {
                if (value != null && !value.isPrimitive() && !(value instanceof Resource)) {
                    walk(value, path + "." + p.getName());
                }
            }
        }
        if (base instanceof DomainResource d) {
            d.getContained().forEach(c -> walk(c, path + ".contained"));
        }
    }

    /** The fullUrl of the one entry of {@code type} with the identifier {@code [system|]value}; null when none. */
    private String match(String type, String token, String path) {
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
        return found.isEmpty()
                ? fromDirectory(type, system, value, path)
                : found.get(0).getFullUrl();
    }

    private String fromDirectory(String type, String system, String value, String path) {
        String key = type + "?" + system + "|" + value;
        if (added.containsKey(key)) {
            return added.get(key);
        }
        List<Resource> listed = directory.find(type, system, value).stream()
                .filter(r -> r.fhirType().equals(type))
                .toList();
        if (listed.size() > 1) {
            throw ReferenceRefusals.refused(
                    path + ".reference",
                    "is a conditional reference that the Bundle does not satisfy and " + listed.size()
                            + " practitioner directory entries match (name the identifier's system); it must match one",
                    Rule.REFERENCE_AMBIGUOUS);
        }
        String fullUrl = null;
        if (listed.size() == 1) {
            fullUrl = "urn:uuid:" + UUID.randomUUID();
            bundle.addEntry().setFullUrl(fullUrl).setResource(listed.get(0));
        }
        added.put(key, fullUrl);
        return fullUrl;
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
