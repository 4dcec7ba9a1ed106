package io.rxflow.hub.intake.validation;

import io.rxflow.hub.support.PrescriptionResources;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r5.model.DomainResource;
import org.hl7.fhir.r5.model.Resource;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * Refuses narrative ({@code text.div}) that carries active content, as FHIR's narrative rules do
 * (https://hl7.org/fhir/R5/narrative.html, invariant txt-1): only basic HTML formatting elements, no
 * script, no event handler attributes, no {@code javascript:} links, no style that runs code. A stored
 * narrative is served back by the FHIR read, so a script in it would be a stored XSS for the first UI
 * that shows it. Text elements are data, escaped by every encoder, and are not judged here.
 */
public final class NarrativeRules {
    // The elements of FHIR's XHTML schema (fhir-xhtml.xsd): HTML 4 formatting, tables, lists, links, images.
    private static final Set<String> ELEMENTS = Set.of(
            "div",
            "p",
            "br",
            "hr",
            "span",
            "a",
            "img",
            "b",
            "i",
            "u",
            "em",
            "strong",
            "small",
            "big",
            "tt",
            "sub",
            "sup",
            "code",
            "kbd",
            "samp",
            "var",
            "cite",
            "dfn",
            "abbr",
            "acronym",
            "q",
            "blockquote",
            "pre",
            "address",
            "bdo",
            "ins",
            "del",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "ul",
            "ol",
            "li",
            "dl",
            "dt",
            "dd",
            "table",
            "caption",
            "colgroup",
            "col",
            "thead",
            "tbody",
            "tfoot",
            "tr",
            "th",
            "td",
            "map",
            "area");
    private static final Set<String> LINKS = Set.of("href", "src", "cite", "longdesc", "usemap", "background");
    private static final String MESSAGE = "holds active content FHIR narrative may not carry (txt-1: only basic"
            + " HTML formatting, no script, event handler attributes, javascript: links or scripted style)";

    private NarrativeRules() {}

    /** Adds a finding for each resource whose narrative carries active content, naming its text.div. */
    static void check(PrescriptionResources r, Findings findings) {
        Set<Resource> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, Resource> named = new java.util.LinkedHashMap<>();
        named.put("MedicationRequest", r.medicationRequest());
        named.put("Patient", r.patient());
        named.put("Practitioner", r.practitioner());
        named.put("Organization", r.pharmacy());
        named.put("Medication", r.medication());
        for (var entry : named.entrySet()) {
            if (entry.getValue() instanceof DomainResource resource && seen.add(resource)) {
                check(resource, entry.getKey(), findings);
                for (int i = 0; i < resource.getContained().size(); i++) {
                    Resource contained = resource.getContained().get(i);
                    if (contained instanceof DomainResource d && seen.add(d)) {
                        check(d, entry.getKey() + ".contained[" + i + "]", findings);
                    }
                }
            }
        }
    }

    private static void check(DomainResource resource, String path, Findings findings) {
        if (!isSafe(resource)) {
            findings.add(path + ".text.div", Rule.NARRATIVE_ACTIVE_CONTENT, MESSAGE);
        }
    }

    /** True when the resource has no narrative or only passive narrative. */
    public static boolean isSafe(DomainResource resource) {
        return !resource.hasText()
                || !resource.getText().hasDiv()
                || passive(resource.getText().getDiv(), 0);
    }

    private static boolean passive(XhtmlNode node, int depth) {
        if (depth > 64) {
            return false;
        }
        if (node.getNodeType() == NodeType.Element) {
            String name = node.getName() == null ? "" : node.getName().toLowerCase(Locale.ROOT);
            if (!ELEMENTS.contains(name)) {
                return false;
            }
            for (var attribute : node.getAttributes().entrySet()) {
                if (!passiveAttribute(attribute.getKey(), attribute.getValue())) {
                    return false;
                }
            }
        } else if (node.getNodeType() != NodeType.Text
                && node.getNodeType() != NodeType.Comment
                && node.getNodeType() != NodeType.Document) {
            return false;
        }
        if (node.hasChildren()) {
            for (XhtmlNode child : node.getChildNodes()) {
                if (!passive(child, depth + 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean passiveAttribute(String rawName, String rawValue) {
        String name = rawName.toLowerCase(Locale.ROOT);
        String value = rawValue == null ? "" : compact(rawValue);
        if (name.startsWith("on") || name.equals("formaction") || name.equals("srcdoc")) {
            return false;
        }
        if (LINKS.contains(name)) {
            return !(value.startsWith("javascript:")
                    || value.startsWith("vbscript:")
                    || (value.startsWith("data:") && !value.startsWith("data:image/")));
        }
        if (name.equals("style")) {
            return !(value.contains("expression(")
                    || value.contains("url(")
                    || value.contains("javascript:")
                    || value.contains("behavior:")
                    || value.contains("-moz-binding"));
        }
        return true;
    }

    /** Lower case without whitespace and control characters, which browsers ignore inside a scheme. */
    private static String compact(String value) {
        var out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > ' ') {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }
}
