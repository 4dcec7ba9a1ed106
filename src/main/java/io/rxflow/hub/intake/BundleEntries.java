package io.rxflow.hub.intake;

import io.rxflow.hub.intake.validation.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Resource;

/**
 * The entries of a Bundle, found by reference as FHIR's bundle rules have it
 * (https://hl7.org/fhir/R5/bundle.html#references): an absolute reference ({@code urn:uuid:},
 * {@code https://...}) matches an entry's fullUrl; a relative one ({@code Type/id}) is read against the
 * base of the referring entry's RESTful fullUrl, else matched to the one entry that is that resource.
 */
final class BundleEntries {
    // [base]/Type/id[/_history/version], the RESTful form a fullUrl may take (FHIR id: 1-64 of A-Za-z0-9-.).
    private static final Pattern RESTFUL =
            Pattern.compile("^(.+)/([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(/_history/[A-Za-z0-9\\-.]{1,64})?$");
    private static final Pattern RELATIVE = Pattern.compile("^([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})$");
    private static final Pattern HISTORY = Pattern.compile("/_history/[A-Za-z0-9\\-.]{1,64}$");

    private final Map<String, Resource> byFullUrl = new HashMap<>();
    private final Map<String, List<Resource>> byTypeAndId = new HashMap<>();
    private final Map<Resource, String> fullUrls = new IdentityHashMap<>();

    BundleEntries(Bundle bundle) {
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            Resource r = entry.getResource();
            if (r == null) {
                continue;
            }
            if (entry.hasFullUrl()) {
                String url = withoutVersion(entry.getFullUrl().strip());
                if (byFullUrl.putIfAbsent(url, r) != null) {
                    throw InputRejectedException.malformed(
                            "Bundle.entry[" + i + "].fullUrl repeats the fullUrl of an earlier entry; each entry's"
                                    + " fullUrl must be unique so references can find it",
                            "Bundle.entry[" + i + "].fullUrl");
                }
                fullUrls.put(r, url);
                Matcher restful = RESTFUL.matcher(url);
                if (restful.matches() && restful.group(2).equals(r.fhirType())) {
                    index(restful.group(2) + "/" + restful.group(3), r);
                }
            }
            String id = r.getIdElement().getIdPart();
            if (id != null && RELATIVE.matcher(r.fhirType() + "/" + id).matches()) {
                index(r.fhirType() + "/" + id, r);
            }
            // A conditional or plain PUT names the resource the entry becomes: Patient/123.
            if (entry.hasRequest() && entry.getRequest().hasUrl()) {
                String url = entry.getRequest().getUrl().strip();
                if (RELATIVE.matcher(url).matches() && url.startsWith(r.fhirType() + "/")) {
                    index(url, r);
                }
            }
        }
    }

    /** The fullUrl an entry's resource was sent under, or null (a resource contained elsewhere). */
    String fullUrlOf(Resource r) {
        return fullUrls.get(r);
    }

    /** The entry {@code reference} names, read from an entry whose fullUrl is {@code from}; null when none. */
    Resource find(String reference, String from, String path) {
        String ref = withoutVersion(reference);
        Resource exact = byFullUrl.get(ref);
        if (exact != null || !RELATIVE.matcher(ref).matches()) {
            return exact;
        }
        if (from != null) {
            Matcher restful = RESTFUL.matcher(from);
            if (restful.matches()) {
                Resource onSameBase = byFullUrl.get(restful.group(1) + "/" + ref);
                if (onSameBase != null) {
                    return onSameBase;
                }
            }
        }
        List<Resource> candidates = byTypeAndId.getOrDefault(ref, List.of());
        if (candidates.size() > 1) {
            throw ReferenceRefusals.refused(
                    path,
                    "refers to '" + ReferenceRefusals.shown(reference) + "', which " + candidates.size()
                            + " Bundle entries could be (fullUrls on different servers); refer to the one meant by"
                            + " its fullUrl",
                    Rule.REFERENCE_AMBIGUOUS);
        }
        return candidates.isEmpty() ? null : candidates.get(0);
    }

    private void index(String typeAndId, Resource r) {
        List<Resource> found = byTypeAndId.computeIfAbsent(typeAndId, k -> new ArrayList<>());
        if (found.stream().noneMatch(x -> x == r)) {
            found.add(r);
        }
    }

    private static String withoutVersion(String url) {
        return HISTORY.matcher(url).replaceFirst("");
    }
}
