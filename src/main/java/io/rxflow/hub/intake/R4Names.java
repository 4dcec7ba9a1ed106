package io.rxflow.hub.intake;

import io.rxflow.hub.intake.validation.ValidationFailedException;
import io.rxflow.hub.support.Violation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the element an R4 sender wrote where the hub's checks, which run on the converted R5 resources,
 * report an R5 FHIRPath that R4 spells differently ({@code MedicationRequest.medication.concept} is
 * R4's {@code medicationCodeableConcept}). Paths R4 and R5 share pass unchanged.
 */
public final class R4Names {
    // R5 spelling -> R4 spelling, most specific first; a match must end where the R5 name ends.
    private static final Map<Pattern, String> RENAMES = renames();

    private R4Names() {}

    /** The R4 name of an R5 FHIRPath (or of every such path inside a message); null stays null. */
    public static String r4(String r5) {
        if (r5 == null) {
            return null;
        }
        String text = r5;
        for (var rename : RENAMES.entrySet()) {
            text = rename.getKey().matcher(text).replaceAll(rename.getValue());
        }
        return text;
    }

    /** The same refusal with every element named as R4 has it; anything else is returned as it is. */
    public static Exception inR4Terms(Exception e) {
        if (e instanceof ValidationFailedException v) {
            var renamed = v.violations().stream()
                    .map(x -> new Violation(r4(x.expression()), r4(x.message()), x.rule()))
                    .toList();
            var translated = new ValidationFailedException(renamed);
            translated.setStackTrace(e.getStackTrace());
            return translated;
        }
        if (e instanceof InputRejectedException r) {
            var translated = new InputRejectedException(
                    r.httpStatus(), r.issueType(), r.rule(), r4(r.getMessage()), r4(r.expression()));
            translated.setStackTrace(e.getStackTrace());
            return translated;
        }
        return e;
    }

    private static Map<Pattern, String> renames() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("MedicationRequest.medication.concept", "MedicationRequest.medicationCodeableConcept");
        names.put("MedicationRequest.medication.reference", "MedicationRequest.medicationReference");
        names.put("MedicationRequest.medication", "MedicationRequest.medication[x]");
        names.put("MedicationRequest.dispenseRequest.dispenser", "MedicationRequest.dispenseRequest.performer");
        names.put("MedicationRequest.reported", "MedicationRequest.reportedBoolean");
        names.put(".asNeeded", ".asNeededBoolean");
        names.put("Medication.doseForm", "Medication.form");
        names.put("Medication.totalVolume", "Medication.amount");
        Map<Pattern, String> compiled = new LinkedHashMap<>();
        names.forEach((r5, r4) -> {
            String before = r5.startsWith(".") ? "" : "(?<![A-Za-z.])";
            compiled.put(Pattern.compile(before + Pattern.quote(r5) + "(?![A-Za-z\\[])"), Matcher.quoteReplacement(r4));
        });
        // R5 asNeededFor is a list of concepts; R4 has one asNeededCodeableConcept.
        compiled.put(Pattern.compile("\\.asNeededFor(\\[\\d+])?(?![A-Za-z])"), ".asNeededCodeableConcept");
        // R5 reason is a CodeableReference; R4 has reasonCode and reasonReference.
        compiled.put(
                Pattern.compile("MedicationRequest\\.reason(\\[\\d+])?\\.concept(?![A-Za-z])"),
                "MedicationRequest.reasonCode$1");
        compiled.put(
                Pattern.compile("MedicationRequest\\.reason(\\[\\d+])?\\.reference(?![A-Za-z])"),
                "MedicationRequest.reasonReference$1");
        compiled.put(
                Pattern.compile("Medication\\.ingredient(\\[\\d+])?\\.item\\.concept(?![A-Za-z])"),
                "Medication.ingredient$1.itemCodeableConcept");
        compiled.put(
                Pattern.compile("Medication\\.ingredient(\\[\\d+])?\\.item\\.reference(?![A-Za-z])"),
                "Medication.ingredient$1.itemReference");
        return compiled;
    }
}
