package io.rxflow.hub.mapping;

import io.rxflow.hub.script.model.SnomedSigCodeType;
import io.rxflow.hub.support.ScriptText;
import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;

/** Building blocks of the structured Sig shared by the dose and the timing mappers. */
final class SigElements {
    private static final Pattern SNOMED_ID = Pattern.compile("[1-9][0-9]{5,17}");

    private SigElements() {}

    /** Why a dosage line has no structured form (element path and rule, never a value: no PHI). */
    static final class NotExpressible extends Exception {
        NotExpressible(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The first SNOMED CT coding with its display (else the concept's text) as the SigCode. */
    static SnomedSigCodeType snomed(CodeableConcept concept, String path) throws NotExpressible {
        for (Coding c : concept.getCoding()) {
            if (SigCodes.SNOMED_SYSTEM.equals(c.getSystem()) && c.hasCode()) {
                String text = c.hasDisplay() ? c.getDisplay() : concept.getText();
                if (!SNOMED_ID.matcher(c.getCode()).matches() || !sendable(text)) {
                    break;
                }
                return snomed(new SigCodes.Concept(c.getCode(), text.strip()));
            }
        }
        throw new NotExpressible(path + ": needs a SNOMED CT coding with a printable ASCII display or text");
    }

    static SnomedSigCodeType snomed(SigCodes.Concept concept) {
        var out = new SnomedSigCodeType();
        out.setText(concept.text());
        out.setQualifier(SigCodes.SNOMED_QUALIFIER);
        out.setCode(concept.code());
        return out;
    }

    /** A positive SCRIPT "n" value: digits with an optional decimal part, no exponent or trailing zeros. */
    static String number(BigDecimal value, String path) throws NotExpressible {
        if (value == null || value.signum() <= 0) {
            throw new NotExpressible(path + ": a positive number is required");
        }
        return value.stripTrailingZeros().toPlainString();
    }

    static void unsupported(boolean present, String path) throws NotExpressible {
        if (present) {
            throw new NotExpressible(path + ": has no structured Sig form in the hub");
        }
    }

    private static boolean sendable(String text) {
        return text != null && !text.isBlank() && ScriptText.isAscii(text);
    }
}
